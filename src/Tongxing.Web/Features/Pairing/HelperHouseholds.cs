using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairings;

/// <summary>
/// One household of a helper as their phone shows it (我的帮扶): no ID numbers, no phone numbers. <see cref="SeenVersion"/>
/// is the household's follow-up state the phone sends back with a record written from it.
/// </summary>
public sealed record HelperHousehold(Guid Id, string Head, string Village, string Project, string PairedOn, string? LastLog, string LogDueOn, bool LogDue,
    string? LastVisit, string? VisitDueOn, string VisitState, int SeenVersion);

public sealed record HelperHouseholdsView(string Today, string HelperName, IReadOnlyList<HelperHousehold> Households);

/// <summary>
/// 我的帮扶: the households with a live pairing to the signed-in helper, and what is due — a support log every
/// <c>SupportLogIntervalDays</c> after the last (or the pairing), and the next return visit (<see cref="VisitSchedule"/>),
/// computed when read. Small on purpose: a helper's phone may be on a slow line.
/// </summary>
public sealed class HelperHouseholds(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    public async Task<Outcome<HelperHouseholdsView>> Handle(CancellationToken ct)
    {
        if (me.Role != Role.Helper)
        {
            return Outcome<HelperHouseholdsView>.Forbidden("“我的帮扶”供党员帮扶人使用");
        }
        var today = clock.Today();
        var helper = await db.Helpers.AsNoTracking().Where(h => h.UserId == me.Id).Select(h => new { h.Id, h.Name }).FirstOrDefaultAsync(ct);
        if (helper is null)
        {
            return Outcome<HelperHouseholdsView>.Success(new HelperHouseholdsView(today.ToString("yyyy-MM-dd"), me.DisplayName, []));
        }
        var mine = db.HouseholdsOfHelperAccount(me.Id);
        var households = await db.Households.AsNoTracking().Where(h => mine.Contains(h.Id))
            .OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id)
            .Select(h => new { h.Id, h.HeadName, h.VillageCode, h.ProjectType, h.ProjectDescription, h.VisitsFrom, h.ProgrammeId })
            .ToListAsync(ct);
        var pairedOn = (await db.Pairings.AsNoTracking().Where(p => p.HelperId == helper.Id && p.EndedOn == null).Select(p => new { p.HouseholdId, p.StartedOn }).ToListAsync(ct))
            .GroupBy(p => p.HouseholdId).ToDictionary(g => g.Key, g => g.Min(p => p.StartedOn));
        var lastLog = (await db.SupportLogs.AsNoTracking().Where(l => mine.Contains(l.HouseholdId)).GroupBy(l => l.HouseholdId)
            .Select(g => new { g.Key, Last = g.Max(l => l.On) }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Last);
        var visits = (await db.Visits.AsNoTracking().Where(v => mine.Contains(v.HouseholdId)).GroupBy(v => v.HouseholdId)
            .Select(g => new { g.Key, Last = g.Max(v => v.On), Returns = g.Count(v => v.Kind == VisitKind.ReturnVisit) }).ToListAsync(ct)).ToDictionary(x => x.Key);
        var programmeIds = households.Select(h => h.ProgrammeId).Distinct().ToList();
        var programmes = await db.Programmes.AsNoTracking().Where(p => programmeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var names = await areas.NamesAsync(households.Select(h => h.VillageCode).Distinct(), ct);
        var rows = households.Select(h =>
        {
            var programme = programmes[h.ProgrammeId];
            var schedule = VisitSchedule.Of(programme);
            var started = pairedOn.GetValueOrDefault(h.Id);
            var logged = lastLog.TryGetValue(h.Id, out var l) ? l : (DateOnly?)null;
            var logDue = (logged ?? started).AddDays(programme.SupportLogIntervalDays);
            var visit = visits.GetValueOrDefault(h.Id);
            var state = schedule.StateOf(h.VisitsFrom, today);
            return new HelperHousehold(h.Id, h.HeadName, names.GetValueOrDefault(h.VillageCode, ""), Project(h.ProjectType, h.ProjectDescription),
                started.ToString("yyyy-MM-dd"), logged?.ToString("yyyy-MM-dd"), logDue.ToString("yyyy-MM-dd"), logDue <= today,
                visit?.Last.ToString("yyyy-MM-dd"), h.VisitsFrom is { } f ? schedule.DueOn(f).ToString("yyyy-MM-dd") : null, StateLabel(state), visit?.Returns ?? 0);
        }).ToList();
        return Outcome<HelperHouseholdsView>.Success(new HelperHouseholdsView(today.ToString("yyyy-MM-dd"), helper.Name, rows));
    }

    public static string StateLabel(VisitState s) => s switch
    {
        VisitState.NotYetDue => "未到回访期",
        VisitState.Due => "待回访",
        VisitState.Overdue => "回访已逾期",
        _ => "—",
    };

    private static string Project(ProjectType type, string description) =>
        string.IsNullOrWhiteSpace(description) ? Labels.Of(type) : TextCut.Shorten(description, 30);
}
