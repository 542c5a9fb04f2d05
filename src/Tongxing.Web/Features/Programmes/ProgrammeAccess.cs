using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Programmes;

/// <summary>
/// Who may configure which district's programmes, and what the edit rules need to know about one: shared by the create,
/// edit and list use cases. A user holding <see cref="Capability.ConfigureProgramme"/> (the district federation, or an
/// administrator) configures the districts its area covers: its own district, or every district of its city or region.
/// </summary>
public sealed class ProgrammeAccess(TongxingDb db, CurrentUser me, AreaDirectory areas)
{
    public bool MayConfigure(string districtCode) =>
        me.Can(Capability.ConfigureProgramme) && me.Scope is { Level: <= AreaLevel.District } scope
        && districtCode.StartsWith(scope.CodePrefix, StringComparison.Ordinal);

    /// <summary>The districts the user configures, by code (none for an office that does not configure programmes).</summary>
    public async Task<IReadOnlyList<Area>> DistrictsAsync(CancellationToken ct) =>
        me.Can(Capability.ConfigureProgramme) && me.Scope is { Level: <= AreaLevel.District } scope
            ? [.. (await areas.WithinAsync(scope, ct)).Where(a => a.Level == AreaLevel.District)]
            : [];

    /// <summary>The district's towns, with whether each has villages (a town with villages and no quota is flagged).</summary>
    public async Task<IReadOnlyList<(Area Town, bool HasVillages)>> TownsAsync(string districtCode, CancellationToken ct)
    {
        var within = await areas.WithinAsync(new AreaScope(AreaLevel.District, districtCode), ct);
        return [.. within.Where(a => a.Level == AreaLevel.Town).Select(t => (t, within.Any(v => v.ParentCode == t.Code)))];
    }

    /// <summary>How far the programme's work has got: registered, submitted and accepted households, and whether it has notices.</summary>
    public async Task<ProgrammeUsage> UsageAsync(Programme p, CancellationToken ct)
    {
        var rows = await db.Households.AsNoTracking().Where(h => h.ProgrammeId == p.Id)
            .GroupBy(h => new { h.TownCode, h.Status }).Select(g => new { g.Key.TownCode, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var hasNotices = await db.Notices.AnyAsync(n => n.ProgrammeId == p.Id, ct);
        var accepted = rows.Where(r => ProgrammeUsage.IsAccepted(r.Status)).GroupBy(r => r.TownCode).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var names = await areas.NamesAsync(accepted.Keys.Concat(p.TownQuotas.Select(q => q.TownCode)), ct);
        return new ProgrammeUsage(rows.Where(r => r.Status != HouseholdStatus.Withdrawn).Sum(r => r.Count),
            rows.Where(r => r.Status != HouseholdStatus.Proposed).Sum(r => r.Count), accepted, hasNotices, names);
    }

    /// <summary>The limits of <c>Programme:</c> in configuration; the programme's own defaults where a value is not set.</summary>
    public static ProgrammeLimits Limits(IConfiguration config)
    {
        var d = ProgrammeLimits.Default;
        var minYuan = config.GetValue<long?>("Programme:MinSubsidyYuan");
        return new ProgrammeLimits(minYuan is { } y ? Money.FromYuan(y) : d.MinSubsidy,
            config.GetValue("Programme:MinNoticeWorkingDays", d.MinNoticeWorkingDays),
            config.GetValue("Programme:MaxNoticeWorkingDays", d.MaxNoticeWorkingDays));
    }

    /// <summary>True when saving failed on the one-programme-per-district-and-year index (two creations raced).</summary>
    public static bool IsDuplicateYear(DbUpdateException e) =>
        e.InnerException?.Message is { } m && (m.Contains("IX_Programmes_DistrictCode_Year", StringComparison.Ordinal) || m.Contains("Programmes.DistrictCode, Programmes.Year", StringComparison.Ordinal));
}
