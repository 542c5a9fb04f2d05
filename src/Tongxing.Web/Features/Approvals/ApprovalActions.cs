using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Approvals;

public enum ApprovalAction
{
    Approve = 1,
    SendBack = 2,
    Withdraw = 3,
}

public sealed record ApprovalCommand(ApprovalAction Action, ApprovalStep? Step, string? Comment, int Version);

/// <summary>
/// Application and approval (审批建档): the next step of the chain, sending back one step, or withdrawing one's own
/// approval — each by the right office at the right level, dated, with a comment, under optimistic concurrency.
/// </summary>
public sealed class ApprovalActions(TongxingDb db, CurrentUser me, TimeProvider clock)
{
    public async Task<Outcome<int>> Handle(Guid id, ApprovalCommand command, CancellationToken ct)
    {
        if (me.Actor is not { } actor)
        {
            return Outcome<int>.Forbidden("无权操作");
        }
        var household = await db.Households.Within(me.Scope).FirstOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            return Outcome<int>.NotFound();
        }
        if (household.Version != command.Version)
        {
            return Outcome<int>.Conflict($"{household.HeadName}户已被他人处理（当前状态：{Labels.Of(household.Status)}），请刷新后再办理");
        }
        var now = clock.GetUtcNow();
        var result = command.Action switch
        {
            ApprovalAction.Approve when command.Step is { } step => household.Approve(actor, step, command.Comment, now),
            ApprovalAction.SendBack => household.SendBack(actor, command.Comment, now),
            ApprovalAction.Withdraw => household.WithdrawApproval(actor, command.Comment, now),
            _ => Result.Refused("请选择要办理的审批环节", "Step"),
        };
        if (!result.Succeeded)
        {
            // Refusals about office, level or area are permission failures; the rest are the user's to correct.
            return result.IsNotAllowed ? Outcome<int>.Forbidden(result.Errors[0].Message) : Outcome<int>.Refused(result);
        }
        db.Entry(household).Property(h => h.Version).OriginalValue = command.Version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<int>.Conflict($"{household.HeadName}户已被他人处理，请刷新后再办理");
        }
        return Outcome<int>.Success(household.Version);
    }
}
