using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

public sealed class HelperActivityQuery
{
    public string? Town { get; set; }
    public string? Village { get; set; }
    /// <summary>The period looked back on, in days (7–366, 90 by default).</summary>
    public int? Days { get; set; }
    /// <summary>Only helpers with a household that went a whole interval without a log.</summary>
    public bool? Lapsed { get; set; }
    public int? Page { get; set; }
}

/// <summary>One helper's work: households, logs in the period against what is expected, the last log, lapses, the latest rating.</summary>
public sealed record HelperActivityRow(Guid HelperId, string Name, string Kind, string TownName, string VillageName, string Phone, int Households, int Logs,
    int Expected, string? LastLogOn, int LapsedHouseholds, string? LatestRating, string? LatestRatingOn);

public sealed record HelperActivityView(int Days, string PeriodStart, string Today, int SupportLogIntervalDays, bool LapsedOnly, int Page, int PageSize, int Total,
    IReadOnlyList<HelperActivityRow> Rows, IReadOnlyList<Area> Villages);

/// <summary>
/// 帮扶人履职情况: for each helper of the user's area, the households paired, the support logs of the last N days
/// against those expected (<see cref="SupportExpectation"/>), the last log, the households without a log for a whole
/// interval (流于形式), and the latest return-visit rating of their households. Helpers are paged in SQL; the page's
/// logs, pairings and ratings are read by grouped queries over the page's ids. For the offices of a district, town or
/// village; not for helpers themselves.
/// </summary>
public sealed class HelperActivity(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    public const int PageSize = 30;

    public async Task<Outcome<HelperActivityView>> Handle(HelperActivityQuery query, CancellationToken ct)
    {
        if (me.Actor is not { } actor || actor.Role == Role.Helper || actor.Scope.Level < AreaLevel.District
            || !(me.Can(Capability.ViewHouseholds) || me.Can(Capability.RecordVisits) || me.Can(Capability.ManageHelpers)))
        {
            return Outcome<HelperActivityView>.Forbidden("您的岗位无权查看帮扶人履职情况");
        }
        var today = clock.Today();
        var days = Math.Clamp(query.Days ?? 90, 7, 366);
        var periodStart = today.AddDays(-days);
        var inScope = await FollowUpProgrammes.InScopeAsync(db, areas, actor.Scope, today, ct);
        var programme = inScope.Count > 0 ? inScope[0] : null;
        var interval = programme?.SupportLogIntervalDays ?? 30;
        var since = today.AddDays(-interval);
        var within = await areas.WithinAsync(actor.Scope, ct);
        var names = within.ToDictionary(a => a.Code, a => a.Name);

        var helpers = db.Helpers.AsNoTracking().Within(actor.Scope);
        if (!string.IsNullOrEmpty(query.Town))
        {
            helpers = helpers.Where(h => h.TownCode == QueryScope.FilterCode(query.Town));
        }
        if (!string.IsNullOrEmpty(query.Village))
        {
            helpers = helpers.Where(h => h.VillageCode == QueryScope.FilterCode(query.Village));
        }
        var lapsedOnly = query.Lapsed == true;
        if (lapsedOnly)
        {
            // The same rule as SupportExpectation.Lapsed, in SQL: a live pairing of one interval or more with no log since.
            helpers = helpers.Where(h => db.Pairings.Any(p => p.HelperId == h.Id && p.EndedOn == null && p.StartedOn <= since
                && !db.SupportLogs.Any(l => l.HelperId == p.HelperId && l.HouseholdId == p.HouseholdId && l.On > since)));
        }
        var total = await helpers.CountAsync(ct);
        var page = Math.Clamp(query.Page ?? 1, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await helpers.OrderBy(h => h.VillageCode).ThenBy(h => h.Name).ThenBy(h => h.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(h => new { h.Id, h.Name, h.Kind, h.TownCode, h.VillageCode, h.Phone, h.ActiveHouseholds })
            .ToListAsync(ct);
        var ids = rows.Select(r => (Guid?)r.Id).ToList();
        var helperIds = rows.Select(r => r.Id).ToList();

        var logs = (await db.SupportLogs.AsNoTracking().Where(l => ids.Contains(l.HelperId))
                .GroupBy(l => new { l.HelperId, l.HouseholdId })
                .Select(g => new { g.Key.HelperId, g.Key.HouseholdId, Recent = g.Count(l => l.On >= periodStart), Last = g.Max(l => l.On) })
                .ToListAsync(ct))
            .ToList();
        var pairings = await db.Pairings.AsNoTracking()
            .Where(p => helperIds.Contains(p.HelperId) && (p.EndedOn == null || p.EndedOn >= periodStart))
            .Select(p => new { p.HelperId, p.HouseholdId, p.StartedOn, p.EndedOn })
            .ToListAsync(ct);
        var households = pairings.Where(p => p.EndedOn is null).Select(p => p.HouseholdId).Distinct().ToList();
        var ratings = (await db.Visits.AsNoTracking()
                .Where(v => households.Contains(v.HouseholdId) && v.Kind == VisitKind.ReturnVisit && v.Rating != null)
                .Select(v => new Rated(v.HouseholdId, v.On, v.RecordedAt, v.Rating!.Value))
                .ToListAsync(ct))
            .GroupBy(v => v.HouseholdId).ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.On).ThenByDescending(v => v.At).First());

        var view = rows.Select(r =>
        {
            var mine = pairings.Where(p => p.HelperId == r.Id).ToList();
            var lastLog = logs.Where(l => l.HelperId == r.Id).ToDictionary(l => l.HouseholdId, l => l.Last);
            var expected = mine.Sum(p => SupportExpectation.Expected(p.StartedOn, p.EndedOn, periodStart, today, interval));
            var lapsed = mine.Count(p => p.EndedOn is null && SupportExpectation.Lapsed(p.StartedOn, lastLog.TryGetValue(p.HouseholdId, out var d) ? d : null, today, interval));
            var latest = mine.Where(p => p.EndedOn is null).Select(p => ratings.GetValueOrDefault(p.HouseholdId)).OfType<Rated>()
                .OrderByDescending(v => v.On).ThenByDescending(v => v.At).FirstOrDefault();
            return new HelperActivityRow(r.Id, r.Name, PairingLabels.Of(r.Kind), names.GetValueOrDefault(r.TownCode, ""), names.GetValueOrDefault(r.VillageCode, ""),
                UserAdministration.MaskPhone(r.Phone), r.ActiveHouseholds, logs.Where(l => l.HelperId == r.Id).Sum(l => l.Recent), expected,
                lastLog.Count == 0 ? null : Day(lastLog.Values.Max()), lapsed, latest is null ? null : PairingLabels.Of(latest.Rating), latest is null ? null : Day(latest.On));
        }).ToList();
        return Outcome<HelperActivityView>.Success(new HelperActivityView(days, Day(periodStart), Day(today), interval, lapsedOnly, page, PageSize, total,
            view, within.Where(a => a.Level == AreaLevel.Village && !a.IsRetired).ToList()));
    }

    private sealed record Rated(Guid HouseholdId, DateOnly On, DateTimeOffset At, HelperRating Rating);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
