using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;
using Tongxing.Web.Features.Survey;

namespace Tongxing.Web.Features.Households;

/// <summary>A village branch proposes a household (the page and POST /api/v1/households both call this). It is screened at once.</summary>
public sealed class RegisterHousehold(TongxingDb db, CurrentUser me, HouseholdChecks checks, Screener screener, TimeProvider clock)
{
    public async Task<Outcome<Guid>> Handle(HouseholdInput input, CancellationToken ct)
    {
        if (!me.Can(Capability.RegisterHousehold) || me.Actor is null)
        {
            return Outcome<Guid>.Forbidden("只有村（社区）党组织可以登记帮扶对象");
        }
        var now = clock.GetUtcNow();
        var check = await checks.CheckAsync(input, clock.Today(), null, ct);
        if (check.Details is null)
        {
            return Outcome<Guid>.Invalid(check.Errors);
        }
        var household = Household.Propose(check.Details, check.Programme!.Id, me.Id, me.DisplayName, now);
        await screener.ScreenAsync([household], check.Programme, "登记时自动筛查", me.Id, me.DisplayName, now, ct);
        db.Households.Add(household);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (HouseholdChecks.IsDuplicatePerson(e))
        {
            return Outcome<Guid>.Invalid([new FieldError("Members", "有家庭成员已在本项目登记（可能刚被他人登记），一人只能登记一次")]);
        }
        return Outcome<Guid>.Success(household.Id);
    }
}
