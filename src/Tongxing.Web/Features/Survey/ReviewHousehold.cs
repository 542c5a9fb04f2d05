using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Survey;

public enum ReviewDecision
{
    Accept = 1,
    Return = 2,
}

public sealed record ReviewCommand(ReviewDecision Decision, string? Reason, int Version);

/// <summary>The district federation reviews one submitted household: accepts it, or returns it to the village with a reason.</summary>
public sealed class ReviewHousehold(TongxingDb db, CurrentUser me, TimeProvider clock)
{
    public async Task<Outcome<int>> Handle(Guid id, ReviewCommand command, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.ReviewSurvey))
        {
            return Outcome<int>.Forbidden("只有区残联可以审核乡镇报送的名单");
        }
        var household = await db.Households.Within(me.Scope).FirstOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            return Outcome<int>.NotFound();
        }
        if (household.Version != command.Version)
        {
            return Outcome<int>.Conflict($"{household.HeadName}户已被他人处理（当前状态：{Labels.Of(household.Status)}），请刷新后再审核");
        }
        // Accepting takes a place of the town's quota: counted and saved under the town's lock, as its submissions are.
        await using var transaction = await db.BeginLockedAsync("quota:" + household.TownCode, ct);
        if (command.Decision == ReviewDecision.Accept)
        {
            var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == household.ProgrammeId, ct);
            var accepted = await db.Households.CountAsync(h => h.ProgrammeId == household.ProgrammeId && h.TownCode == household.TownCode
                && h.Status >= HouseholdStatus.ReviewedByDistrict && h.Status < HouseholdStatus.Returned, ct);
            if (household.Status == HouseholdStatus.SubmittedByTown && SurveyRules.CheckAcceptance(programme.QuotaOf(household.TownCode), accepted) is { Succeeded: false } full)
            {
                return Outcome<int>.Refused(full);
            }
        }
        var now = clock.GetUtcNow();
        var result = command.Decision switch
        {
            ReviewDecision.Accept => household.AcceptByDistrict(actor, command.Reason, now),
            ReviewDecision.Return => household.ReturnByDistrict(actor, command.Reason, now),
            _ => Result.Refused("请选择审核意见：通过或退回", "Decision"),
        };
        if (!result.Succeeded)
        {
            return Outcome<int>.Refused(result);
        }
        db.Entry(household).Property(h => h.Version).OriginalValue = command.Version;
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<int>.Conflict($"{household.HeadName}户已被他人处理，请刷新后再审核");
        }
        return Outcome<int>.Success(household.Version);
    }
}
