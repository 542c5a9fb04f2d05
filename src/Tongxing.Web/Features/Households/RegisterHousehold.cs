using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Households;

/// <summary>A village branch puts a household on the register (the page and POST /api/v1/households both call this).</summary>
public sealed class RegisterHousehold(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    public async Task<Outcome<Guid>> Handle(HouseholdInput input, CancellationToken ct)
    {
        if (!me.Can(Capability.RegisterHousehold))
        {
            return Outcome<Guid>.Forbidden("只有村（社区）党组织可以登记帮扶对象");
        }
        var path = await areas.PathOfAsync(input.VillageCode, ct);
        if (path is not null && (me.Scope is null || !me.Scope.Covers(path)))
        {
            // Another area's village is treated as unknown: the user learns nothing about it.
            path = null;
        }
        var programme = path is null ? null : await db.Programmes.AsNoTracking()
            .Where(p => p.DistrictCode == path.DistrictCode)
            .OrderByDescending(p => p.Year)
            .Select(p => new { p.Id })
            .FirstOrDefaultAsync(ct);
        if (path is not null && programme is null)
        {
            return Outcome<Guid>.Invalid([new FieldError(nameof(HouseholdInput.VillageCode), "本区尚未配置帮扶项目，请联系区残联")]);
        }

        var now = clock.GetUtcNow();
        var (household, result) = HouseholdRegistration.Register(input, programme?.Id ?? 0, path, clock.Today());
        if (!result.Succeeded)
        {
            return Outcome<Guid>.Invalid(result.Errors);
        }
        household!.Registered(me.Id, me.DisplayName, now);
        db.Households.Add(household);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Success(household.Id);
    }
}
