using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

public sealed class VisitsDueQuery
{
    /// <summary>due (due this week, the default) or overdue.</summary>
    public string? State { get; set; }
    public string? Town { get; set; }
    public string? Village { get; set; }
    public int? Page { get; set; }
}

/// <summary>One paired household on the return-visit list.</summary>
public sealed record VisitDueRow(Guid HouseholdId, string HeadName, string TownName, string VillageName, IReadOnlyList<string> Helpers, string CountsFrom,
    string WindowFrom, string DueOn, string WindowTo, string? LastReturnVisitOn, string State, int DaysOverdue, string? HouseholdLink, string VisitLink);

/// <summary>One area's paired households, those due a return visit this week, and those overdue.</summary>
public sealed record AreaVisitCounts(string Code, string Name, int Paired, int DueThisWeek, int Overdue);

public sealed record VisitsDueView(string State, string ScopeName, string? ChildLevel, int Page, int PageSize, int Total, IReadOnlyList<VisitDueRow> Rows,
    IReadOnlyList<AreaVisitCounts> Areas, AreaVisitCounts Totals, IReadOnlyList<Area> Villages, bool CountsOnly, bool OwnHouseholdsOnly,
    int? IntervalDays, int? WindowDays, string Today, string WeekEnds);

/// <summary>
/// 回访提醒: the paired households of the user's area due a return visit this week (<see cref="VisitWeek"/>) or overdue,
/// most overdue first, computed from <see cref="Household.VisitsFrom"/> when read (ADR 0027), paged in SQL, with the
/// per-area counts of paired / due / overdue by one grouped query. Offices that record visits or view households see
/// their area (district and below); a helper sees only the households paired with them; the overseeing federations
/// above district level see the counts only, never a household.
/// </summary>
public sealed class VisitsDue(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    public const int PageSize = 30;

    public async Task<Outcome<VisitsDueView>> Handle(VisitsDueQuery query, CancellationToken ct)
    {
        if (me.Actor is not { } actor)
        {
            return Outcome<VisitsDueView>.Forbidden("请先登录");
        }
        var helper = actor.Role == Role.Helper;
        var lists = helper || actor.Scope.Level >= AreaLevel.District && (me.Can(Capability.RecordVisits) || me.Can(Capability.ViewHouseholds));
        var countsOnly = !lists && actor.Scope.Level < AreaLevel.District && me.Can(Capability.ViewDashboard);
        if (!lists && !countsOnly)
        {
            return Outcome<VisitsDueView>.Forbidden("您的岗位无权查看回访提醒");
        }
        var today = clock.Today();
        var overdueState = string.Equals(query.State, "overdue", StringComparison.OrdinalIgnoreCase);
        var within = await areas.WithinAsync(actor.Scope, ct);
        var self = within.FirstOrDefault(a => a.Code == actor.Scope.Code);
        var names = within.ToDictionary(a => a.Code, a => a.Name);
        var programmes = await FollowUpProgrammes.InScopeAsync(db, areas, actor.Scope, today, ct);
        var childLevel = helper || actor.Scope.Level == AreaLevel.Village ? (AreaLevel?)null : actor.Scope.Level + 1;

        var counts = await FollowUpCounts.ByAreaAsync(Paired(actor, helper, programmes.Select(p => p.Id).ToList()), programmes, childLevel ?? AreaLevel.Village, today, ct);
        var children = childLevel is { } level
            ? within.Where(a => a.Level == level && (!a.IsRetired || counts.ContainsKey(a.Code)))
                .Select(a =>
                {
                    var c = counts.GetValueOrDefault(a.Code);
                    return new AreaVisitCounts(a.Code, a.Name, c.Paired, c.Due, c.Overdue);
                }).ToList()
            : [];
        var totals = new AreaVisitCounts(actor.Scope.Code, "合计", counts.Values.Sum(c => c.Paired), counts.Values.Sum(c => c.Due), counts.Values.Sum(c => c.Overdue));

        var one = programmes.Count == 1 ? programmes[0] : null;
        var rowsView = new List<VisitDueRow>();
        var total = 0;
        var page = 1;
        if (lists && one is not null)
        {
            var s = one.Schedule;
            var week = s.DueThisWeekIfFromOnOrBefore(today);
            var overdue = s.OverdueIfFromOnOrBefore(today);
            var filtered = Paired(actor, helper, [one.Id]).Filter(query.Town, query.Village, null);
            filtered = overdueState ? filtered.Where(h => h.VisitsFrom <= overdue) : filtered.Where(h => h.VisitsFrom <= week && h.VisitsFrom > overdue);
            // The list's length is among the counts above when it is the whole area's or one child unit's; only a
            // village picked inside a town of a district's list is counted again.
            (int Due, int Overdue)? counted = null;
            if (string.IsNullOrEmpty(query.Town) && string.IsNullOrEmpty(query.Village))
            {
                counted = (totals.DueThisWeek, totals.Overdue);
            }
            else if ((childLevel == AreaLevel.Town && string.IsNullOrEmpty(query.Village)) || (childLevel == AreaLevel.Village && string.IsNullOrEmpty(query.Town)))
            {
                var child = counts.GetValueOrDefault(string.IsNullOrEmpty(query.Town) ? query.Village! : query.Town);
                counted = (child.Due, child.Overdue);
            }
            total = counted is { } known ? (overdueState ? known.Overdue : known.Due) : await filtered.CountAsync(ct);
            page = Math.Clamp(query.Page ?? 1, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
            var rows = await filtered.OrderBy(h => h.VisitsFrom).ThenBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(h => new { h.Id, h.HeadName, h.TownCode, h.VillageCode, h.VisitsFrom, h.LastReturnVisitOn })
                .ToListAsync(ct);
            var ids = rows.Select(r => r.Id).ToList();
            var helpers = await CurrentHelpers.NamesAsync(db, ids, ct);
            rowsView = rows.Select(r =>
            {
                var from = r.VisitsFrom!.Value;
                var due = s.DueOn(from);
                var late = Math.Max(0, s.DaysOverdue(from, today));
                return new VisitDueRow(r.Id, r.HeadName, names.GetValueOrDefault(r.TownCode, ""), names.GetValueOrDefault(r.VillageCode, ""),
                    helpers.GetValueOrDefault(r.Id) ?? [], Day(from), Day(due.AddDays(-s.WindowDays)), Day(due), Day(due.AddDays(s.WindowDays)),
                    r.LastReturnVisitOn is { } v ? Day(v) : null, StateLabel(s.StateOf(from, today)), late,
                    helper ? null : $"/Households/Details/{r.Id}", $"/Pairing/Visit/{r.Id}");
            }).ToList();
        }
        return Outcome<VisitsDueView>.Success(new VisitsDueView(overdueState ? "overdue" : "due", self?.Name ?? "", childLevel is { } cl ? Area.LevelLabel(cl) : null,
            page, PageSize, total, rowsView, children, totals,
            // The village filter belongs to the lists: a helper has none, and a city or the region sees counts only.
            helper || countsOnly ? [] : within.Where(a => a.Level == AreaLevel.Village && !a.IsRetired).ToList(),
            countsOnly, helper, one?.Schedule.IntervalDays, one?.Schedule.WindowDays, Day(today), Day(today.AddDays(VisitWeek.Days - 1))));
    }

    /// <summary>How many paired households of the user's area are due and overdue a return visit today (我的待办); null when the user has no such list.</summary>
    public async Task<(int Due, int Overdue)?> CountsAsync(Actor actor, Programme programme, CancellationToken ct)
    {
        var helper = actor.Role == Role.Helper;
        if (!helper && !actor.Role.Can(Capability.RecordVisits))
        {
            return null;
        }
        var schedule = VisitSchedule.Of(programme);
        var due = schedule.DueIfFromOnOrBefore(clock.Today());
        var overdue = schedule.OverdueIfFromOnOrBefore(clock.Today());
        var counted = await Paired(actor, helper, [programme.Id]).Where(h => h.VisitsFrom <= due)
            .GroupBy(_ => 1).Select(g => new { Due = g.Count(h => h.VisitsFrom > overdue), Overdue = g.Count(h => h.VisitsFrom <= overdue) })
            .FirstOrDefaultAsync(ct);
        return (counted?.Due ?? 0, counted?.Overdue ?? 0);
    }

    /// <summary>The paired households the user may see: their area's, or for a helper the households paired with them.</summary>
    private IQueryable<Household> Paired(Actor actor, bool helper, List<int> programmes)
    {
        var households = db.Households.AsNoTracking();
        if (helper)
        {
            var mine = db.HouseholdsOfHelperAccount(actor.UserId);
            households = households.Where(h => mine.Contains(h.Id));
        }
        else
        {
            households = households.Within(actor.Scope);
        }
        return programmes.Count == 1
            ? households.Where(h => h.ProgrammeId == programmes[0] && h.VisitsFrom != null)
            : households.Where(h => programmes.Contains(h.ProgrammeId) && h.VisitsFrom != null);
    }

    public static string StateLabel(VisitState state) => state switch
    {
        VisitState.NotYetDue => "未到期",
        VisitState.Due => "应回访",
        VisitState.Overdue => "已逾期",
        _ => "",
    };

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A programme whose paired households are followed up, with its visit schedule.</summary>
public sealed record FollowUpProgramme(int Id, string DistrictCode, VisitSchedule Schedule, int SupportLogIntervalDays);

/// <summary>Paired, due-this-week and overdue households per area one level down, counted in SQL (回访提醒 and the dashboard).</summary>
public static class FollowUpCounts
{
    /// <summary>
    /// One grouped count per visit schedule in use (one, unless districts set different intervals) over
    /// <paramref name="households"/>, keyed by the code at <paramref name="level"/>.
    /// </summary>
    public static async Task<Dictionary<string, (int Paired, int Due, int Overdue)>> ByAreaAsync(IQueryable<Household> households,
        IReadOnlyList<FollowUpProgramme> programmes, AreaLevel level, DateOnly today, CancellationToken ct)
    {
        var counts = new Dictionary<string, (int Paired, int Due, int Overdue)>();
        foreach (var group in programmes.GroupBy(p => p.Schedule))
        {
            var ids = group.Select(p => p.Id).ToList();
            var week = group.Key.DueThisWeekIfFromOnOrBefore(today);
            var overdue = group.Key.OverdueIfFromOnOrBefore(today);
            var paired = households.Where(h => h.VisitsFrom != null);
            paired = ids.Count == 1 ? paired.Where(h => h.ProgrammeId == ids[0]) : paired.Where(h => ids.Contains(h.ProgrammeId));
            var rows = await paired.GroupBy(ChildKey(level))
                .Select(g => new { g.Key, Paired = g.Count(), Due = g.Count(h => h.VisitsFrom <= week && h.VisitsFrom > overdue), Overdue = g.Count(h => h.VisitsFrom <= overdue) })
                .ToListAsync(ct);
            foreach (var r in rows)
            {
                var (p, d, o) = counts.GetValueOrDefault(r.Key);
                counts[r.Key] = (p + r.Paired, d + r.Due, o + r.Overdue);
            }
        }
        return counts;
    }

    private static Expression<Func<Household, string>> ChildKey(AreaLevel level) => level switch
    {
        AreaLevel.City => h => h.CityCode,
        AreaLevel.District => h => h.DistrictCode,
        AreaLevel.Town => h => h.TownCode,
        _ => h => h.VillageCode,
    };
}

public static class FollowUpProgrammes
{
    /// <summary>
    /// The programmes the follow-up lists read: at district level and below the district's current programme (the one
    /// the daily work is on); above it, each district's programme of the current year.
    /// </summary>
    public static async Task<IReadOnlyList<FollowUpProgramme>> InScopeAsync(TongxingDb db, AreaDirectory areas, AreaScope scope, DateOnly today, CancellationToken ct)
    {
        if (scope.Level >= AreaLevel.District)
        {
            var district = await areas.DistrictOfAsync(scope, ct);
            var current = district is null ? null : await HouseholdChecks.CurrentProgrammeAsync(db, district, today, ct);
            return current is null ? [] : [Of(current)];
        }
        var within = await areas.WithinAsync(scope, ct);
        var districts = within.Where(a => a.Level == AreaLevel.District).Select(a => a.Code).ToList();
        var all = await db.Programmes.AsNoTracking().Where(p => districts.Contains(p.DistrictCode)).ToListAsync(ct);
        var year = Programme.CurrentOf(all, p => p.Year, p => p.Phase(ProgrammePhase.Survey)?.Start, today)?.Year;
        return all.Where(p => p.Year == year).Select(Of).ToList();
    }

    public static FollowUpProgramme Of(Programme p) => new(p.Id, p.DistrictCode, VisitSchedule.Of(p), p.SupportLogIntervalDays);
}

public static class VisitsDueEndpoints
{
    public static RouteGroupBuilder MapVisitsDueEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/visits/due", async ([AsParameters] VisitsDueQuery query, VisitsDue handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(query, ct), ApiResults.Ok))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("回访提醒：本辖区已结对对象中本周应回访（state=due，默认：回访窗口在今天起7天内开始且未逾期）或已逾期（state=overdue，按逾期天数从多到少）的户，可按 town、village 筛选，分页 page；另给下一级各区域的已结对、本周应回访、已逾期户数。帮扶人只看到与本人结对的户；市、自治区残联只看到户数");
        api.MapGet("/helpers/activity", async ([AsParameters] HelperActivityQuery query, HelperActivity handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(query, ct), ApiResults.Ok))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("帮扶人履职情况：本辖区每名帮扶人的结对户数、近 days 天（默认90）帮扶日志条数与应记条数、最近一次日志日期、超过一个日志间隔未记日志的户数（流于形式提醒）、所帮扶户最近一次回访评价；可按 town、village 筛选，lapsed=true 只看有提醒的，分页 page");
        return api;
    }
}

