using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Survey;

namespace Tongxing.Web.Features.Households;

/// <summary>What registering and correcting a household share: the village must be in the user's area, the data must pass
/// <see cref="HouseholdRegistration"/>, and nobody may be a candidate twice in one programme.</summary>
public sealed class HouseholdChecks(TongxingDb db, CurrentUser me, AreaDirectory areas, Screener screener)
{
    public sealed record Checked(HouseholdDetails? Details, Programme? Programme, IReadOnlyList<FieldError> Errors);

    public async Task<Checked> CheckAsync(HouseholdInput input, DateOnly today, Guid? except, CancellationToken ct)
    {
        var path = await areas.PathOfAsync(input.VillageCode, ct);
        if (path is not null && (me.Scope is null || !me.Scope.Covers(path)))
        {
            // Another area's village is treated as unknown: the user learns nothing about it.
            path = null;
        }
        // A new household goes to a village in use; a registered one keeps its village even when it was retired since.
        if (path is not null && except is null
            && await db.Areas.AnyAsync(a => a.Code == path.VillageCode && a.RetiredAt != null, ct))
        {
            return new Checked(null, null, [new FieldError(nameof(HouseholdInput.VillageCode), "该村（社区）已撤销，不能登记新的帮扶对象")]);
        }
        var programme = path is null ? null : await CurrentProgrammeAsync(db, path.DistrictCode, today, ct);
        if (path is not null && programme is null)
        {
            return new Checked(null, null, [new FieldError(nameof(HouseholdInput.VillageCode), "本区尚未配置帮扶项目，请联系区残联")]);
        }
        var (details, result) = HouseholdRegistration.Check(input, path, today);
        if (!result.Succeeded)
        {
            return new Checked(null, programme, result.Errors);
        }
        var ids = details!.Members.Select(m => m.IdNumber).ToList();
        var found = await screener.RegisteredAsync(programme!.Id, ids, except, ct);
        var errors = new List<FieldError>();
        for (var i = 0; i < details.Members.Count; i++)
        {
            if (found.TryGetValue(details.Members[i].IdNumber, out var where))
            {
                errors.Add(new FieldError($"Members[{i}].IdNumber", await DuplicateMessageAsync(where, ct)));
            }
        }
        return new Checked(errors.Count == 0 ? details : null, programme, errors);
    }

    /// <summary>Names where the person already is when the user may see it; otherwise says only that it is elsewhere.</summary>
    public async Task<string> DuplicateMessageAsync(Registered where, CancellationToken ct)
    {
        if (me.Scope is { } scope && scope.Covers(where.Area))
        {
            var names = await areas.NamesAsync([where.TownCode, where.VillageCode], ct);
            return $"该人员已在{names.GetValueOrDefault(where.TownCode)}{names.GetValueOrDefault(where.VillageCode)}{where.HeadName}户登记，本项目一人只能登记一次";
        }
        return "该人员已在本项目其他地区登记，一人只能登记一次";
    }

    /// <summary>
    /// The programme the district's daily work is on today (<see cref="Programme.CurrentOf"/>: the latest year whose survey
    /// has started, else the one about to begin). A district holds a handful of years, so all are read and one is chosen.
    /// Read only: the copy is the node's, shared by every request (<see cref="ProgrammeCache"/>); to change the programme
    /// use <see cref="ProgrammeToChangeAsync"/>.
    /// </summary>
    public static async Task<Programme?> CurrentProgrammeAsync(TongxingDb db, string districtCode, DateOnly today, CancellationToken ct) =>
        Current(await ProgrammeCache.OfDistrictAsync(db, districtCode, ct), today);

    /// <summary>The district's current programme read from the database and tracked, for a handler that changes it.</summary>
    public static async Task<Programme?> ProgrammeToChangeAsync(TongxingDb db, string districtCode, DateOnly today, CancellationToken ct) =>
        Current(await db.Programmes.Where(p => p.DistrictCode == districtCode).ToListAsync(ct), today);

    private static Programme? Current(IReadOnlyList<Programme> programmes, DateOnly today) =>
        Programme.CurrentOf(programmes, p => p.Year, p => p.Phase(ProgrammePhase.Survey)?.Start, today);

    /// <summary>True when saving failed on the one-person-once-per-programme index (two registrations raced).</summary>
    public static bool IsDuplicatePerson(DbUpdateException e) =>
        e.InnerException?.Message is { } m && (m.Contains("IX_Members_ProgrammeId_IdNumber", StringComparison.Ordinal) || m.Contains("Members.ProgrammeId, Members.IdNumber", StringComparison.Ordinal));
}
