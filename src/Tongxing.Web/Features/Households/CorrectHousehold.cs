using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;
using Tongxing.Web.Features.Survey;

namespace Tongxing.Web.Features.Households;

/// <summary>The village corrects a household it still holds (proposed, or returned by the district); it is screened again.</summary>
public sealed class CorrectHousehold(TongxingDb db, CurrentUser me, HouseholdChecks checks, Screener screener, TimeProvider clock)
{
    public sealed record Editable(HouseholdInput Input, int Version, string HeadName);

    /// <summary>The household as the form shows it, for a village user who may still correct it.</summary>
    public async Task<Outcome<Editable>> Load(Guid id, CancellationToken ct)
    {
        if (!me.Can(Capability.RegisterHousehold))
        {
            return Outcome<Editable>.Forbidden("只有村（社区）党组织可以修改帮扶对象信息");
        }
        var h = await db.Households.AsNoTracking().Within(me.Scope).Include(x => x.Members).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (h is null)
        {
            return Outcome<Editable>.NotFound();
        }
        var input = HouseholdCorrection.InputOf(h);
        return Outcome<Editable>.Success(new Editable(input, h.Version, h.HeadName));
    }

    public async Task<Outcome<Guid>> Handle(Guid id, HouseholdInput input, int version, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.RegisterHousehold))
        {
            return Outcome<Guid>.Forbidden("只有村（社区）党组织可以修改帮扶对象信息");
        }
        var household = await db.Households.Within(me.Scope).Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            return Outcome<Guid>.NotFound();
        }
        if (household.Version != version)
        {
            return Outcome<Guid>.Conflict("该户信息已被他人修改，请刷新页面后重新填写");
        }
        var now = clock.GetUtcNow();
        var check = await checks.CheckAsync(input, clock.Today(), id, ct);
        if (check.Details is null)
        {
            return Outcome<Guid>.Invalid(check.Errors);
        }
        var result = household.Correct(check.Details, actor, now);
        if (!result.Succeeded)
        {
            return Outcome<Guid>.Invalid(result.Errors);
        }
        await screener.ScreenAsync([household], check.Programme!, "修改登记信息后重新筛查", me.Id, me.DisplayName, now, ct);
        db.Entry(household).Property(h => h.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Guid>.Conflict("该户信息已被他人修改，请刷新页面后重新填写");
        }
        catch (DbUpdateException e) when (HouseholdChecks.IsDuplicatePerson(e))
        {
            return Outcome<Guid>.Invalid([new FieldError("Members", "有家庭成员已在本项目登记（可能刚被他人登记），一人只能登记一次")]);
        }
        return Outcome<Guid>.Success(household.Id);
    }
}
