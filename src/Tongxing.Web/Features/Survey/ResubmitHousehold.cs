using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Survey;

/// <summary>The village puts a returned (and corrected) household forward again; the town then includes it in a new 附件1.</summary>
public sealed class ResubmitHousehold(TongxingDb db, CurrentUser me, TimeProvider clock)
{
    public async Task<Outcome<int>> Handle(Guid id, string? comment, CancellationToken ct)
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
        var result = household.ResubmitByVillage(actor, comment, clock.GetUtcNow());
        if (!result.Succeeded)
        {
            return me.Can(Domain.Capability.RegisterHousehold) ? Outcome<int>.Refused(result) : Outcome<int>.Forbidden(result.Errors[0].Message);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<int>.Conflict($"{household.HeadName}户刚被他人处理（如已重新提交），请刷新后查看");
        }
        return Outcome<int>.Success(household.Version);
    }
}
