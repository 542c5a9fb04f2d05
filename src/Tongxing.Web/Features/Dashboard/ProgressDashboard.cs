using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Funds;
using Tongxing.Web.Features.Pairing;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Dashboard;

/// <summary>One area's counts: quota (null where the programme sets none), registered (everything not withdrawn), per stage.</summary>
/// <param name="Funnel">The workflow funnel of the unit (<see cref="FunnelCounts"/>).</param>
/// <param name="CanOpen">Whether the unit has units below it: its code opens its own dashboard (<c>?area=</c>).</param>
public sealed record AreaProgress(string Code, string Name, int? Quota, int Registered, IReadOnlyDictionary<ProgressStage, int> Stages, int? PercentFiled,
    int Paid = 0, int Receipted = 0, int Paired = 0, int VisitsOverdue = 0, int VisitsDue = 0, FunnelCounts? Funnel = null, int? AgreementsMissing = null,
    bool CanOpen = false);

/// <summary>One fund source's money in the area, in fen: arrived at the district (null below it), allocated to towns (null in a village), paid to households.</summary>
public sealed record SourceMoney(FundSource Source, string Label, Amount? Received, Amount? Allocated, Amount Paid);

public sealed record AreaLink(string Code, string Name);

/// <param name="Breadcrumb">From the user's own area down to the one shown (the last is the one shown).</param>
/// <param name="VisitsCounted">Whether visits due and overdue were counted (district level and below).</param>
/// <param name="CountedAt">When the view was read: the maintained counts are exact at that time, and visits due are counted for that day.</param>
/// <param name="Freshness">How fresh the counts are, in words for the reader.</param>
public sealed record DashboardView(int? Year, string ScopeName, string ChildLevel, int Programmes, AreaProgress Total,
    IReadOnlyList<AreaProgress> Areas, string CountedAt, string AreaCode = "", IReadOnlyList<AreaLink>? Breadcrumb = null,
    IReadOnlyList<SourceMoney>? Funds = null, IReadOnlyList<PhaseStanding>? Phases = null, bool VisitsCounted = false,
    string Freshness = DashboardView.Live)
{
    /// <summary>The maintained counts change in the same transaction as the records: what is read is what is saved.</summary>
    public const string Live = "实时（户数和资金随每次保存更新）";
}

/// <summary>
/// The progress dashboard: for the user's area, each unit one level down (cities of the region, districts of a city,
/// towns of a district, villages of a town) with its quota and how many households are at each stage of the year's
/// programme. Counts only, never a person: the overseeing federations see this and nothing else.
/// Read at every level from the counts maintained in the transaction of each change (<see cref="DashboardCounts"/>,
/// ADR 0032), so they are exact when read; only visits due and overdue, which depend on today's date, are counted when
/// read, at district level and below.
/// </summary>
public sealed class ProgressDashboard(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    private sealed record ProgrammeQuota(int Id, string DistrictCode, int Quota, Programme Full);

    /// <param name="area">A unit within the user's area to show instead of the whole area (drill-down); any other code is not found.</param>
    public async Task<Outcome<DashboardView>> Handle(int? year, string? area, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewDashboard) || me.Scope is not { } own)
        {
            return Outcome<DashboardView>.Forbidden("您的岗位无权查看工作进度");
        }
        var ownWithin = await areas.WithinAsync(own, ct);
        var shown = string.IsNullOrEmpty(area) ? ownWithin.FirstOrDefault(a => a.Code == own.Code) : ownWithin.FirstOrDefault(a => a.Code == area);
        if (shown is null)
        {
            return Outcome<DashboardView>.NotFound();
        }
        var scope = new AreaScope(shown.Level, shown.Code);
        var breadcrumb = new List<AreaLink>();
        for (var at = shown; at is not null; at = at.Code == own.Code ? null : ownWithin.FirstOrDefault(a => a.Code == at.ParentCode))
        {
            breadcrumb.Insert(0, new AreaLink(at.Code, at.Name));
        }
        var outcome = await Count(scope, year, ct);
        return outcome.Value is { } v ? Outcome<DashboardView>.Success(v with { Breadcrumb = breadcrumb }) : outcome;
    }

    private async Task<Outcome<DashboardView>> Count(AreaScope scope, int? year, CancellationToken ct)
    {
        var within = await areas.WithinAsync(scope, ct);
        var self = within.FirstOrDefault(a => a.Code == scope.Code);
        if (self is null)
        {
            return Outcome<DashboardView>.NotFound();
        }
        var childLevel = scope.Level == AreaLevel.Village ? AreaLevel.Village : scope.Level + 1;
        var children = within.Where(a => a.Level == childLevel).ToList();
        var byCode = within.Where(a => a.Level <= AreaLevel.District).ToDictionary(a => a.Code);

        // The year's programmes in scope: one per district (the district's own above district level).
        var districtCodes = scope.Level >= AreaLevel.District
            ? [await areas.DistrictOfAsync(scope, ct) ?? ""]
            : within.Where(a => a.Level == AreaLevel.District).Select(a => a.Code).ToList();
        // The programmes in scope as every page reads them (ProgrammeCache: one statement for their stamps, however many
        // districts); without a year asked for, the year the daily work is on (Programme.CurrentOf over all of them).
        var all = await ProgrammeCache.OfDistrictsAsync(db, districtCodes, ct);
        var chosenYear = year ?? Programme.CurrentOf(all, p => p.Year, p => p.Phase(ProgrammePhase.Survey)?.Start, clock.Today())?.Year;
        var programmes = all.Where(p => p.Year == chosenYear).Select(p => new ProgrammeQuota(p.Id, p.DistrictCode, p.Quota, p)).ToList();
        var ids = programmes.Select(p => p.Id).ToList();

        // The maintained counts (ADR 0032), summed per child unit and measure in the database: a district's from its towns'
        // totals, a town's from its villages' counts, a village's own, a city's or region's from its districts' totals.
        var kept = DashboardCounts.Within(db, ids, scope);
        var sums = scope.Level < AreaLevel.District
            ? (await kept.GroupBy(c => new { Child = c.DistrictCode, c.Measure }).Select(g => new { g.Key.Child, g.Key.Measure, Count = g.Sum(c => c.Count), Amount = g.Sum(c => c.Amount) }).ToListAsync(ct))
                .Select(r => (Child: ChildOf(r.Child, childLevel, byCode), r.Measure, r.Count, r.Amount)).ToList()
            : childLevel == AreaLevel.Town
                ? (await kept.GroupBy(c => new { Child = c.TownCode, c.Measure }).Select(g => new { g.Key.Child, g.Key.Measure, Count = g.Sum(c => c.Count), Amount = g.Sum(c => c.Amount) }).ToListAsync(ct))
                    .Select(r => (r.Child, r.Measure, r.Count, r.Amount)).ToList()
                : (await kept.GroupBy(c => new { Child = c.VillageCode, c.Measure }).Select(g => new { g.Key.Child, g.Key.Measure, Count = g.Sum(c => c.Count), Amount = g.Sum(c => c.Amount) }).ToListAsync(ct))
                    .Select(r => (r.Child, r.Measure, r.Count, r.Amount)).ToList();
        // Summed once per child and measure (above district level several districts make one city), then read by key.
        sums = sums.GroupBy(x => (x.Child, x.Measure)).Select(g => (g.Key.Child, g.Key.Measure, Count: g.Sum(x => x.Count), Amount: g.Sum(x => x.Amount))).ToList();
        var counts = sums.Where(x => DashboardMeasure.StatusOf(x.Measure) is not null).Select(x => (x.Child, Status: DashboardMeasure.StatusOf(x.Measure)!.Value, Count: (int)x.Count)).ToList();
        var countsOf = counts.ToLookup(x => x.Child);
        var byKey = sums.ToDictionary(x => (x.Child, x.Measure), x => x.Count);
        var byMeasure = sums.GroupBy(x => x.Measure).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        // One child's count of a measure, or (null) the whole area's.
        int Sum(int measure, string? child) => (int)(child is null ? byMeasure.GetValueOrDefault(measure) : byKey.GetValueOrDefault((child, measure)));

        // Visits due and overdue depend on today's date: counted when read, from VisitsFrom (ADR 0027), at district level
        // and below (above it the count would read every paired household of the province; 回访提醒 gives those counts).
        var followUp = programmes.Select(p => FollowUpProgrammes.Of(p.Full)).ToList();
        var local = scope.Level >= AreaLevel.District;
        var scoped = db.Households.AsNoTracking().Within(scope);
        var visits = local ? await FollowUpCounts.ByAreaAsync(scoped, followUp, childLevel, clock.Today(), ct) : [];
        AreaProgress WithPaid(AreaProgress a, string? child) =>
            a with
            {
                Paid = Sum(DashboardMeasure.Paid, child),
                Receipted = Sum(DashboardMeasure.Receipted, child),
                Paired = Sum(DashboardMeasure.Paired, child),
                VisitsOverdue = child is null ? visits.Values.Sum(v => v.Overdue) : visits.GetValueOrDefault(child).Overdue,
                VisitsDue = child is null ? visits.Values.Sum(v => v.Due) : visits.GetValueOrDefault(child).Due,
                Funnel = FunnelCounts.Of((child is null ? counts : countsOf[child]).Select(x => (x.Status, x.Count)),
                    Sum(DashboardMeasure.Visited, child)),
                AgreementsMissing = Sum(DashboardMeasure.AgreementMissing, child),
            };

        int? QuotaOf(Area child) => child.Level switch
        {
            AreaLevel.Town => programmes.FirstOrDefault()?.Full.QuotaOf(child.Code),
            AreaLevel.City or AreaLevel.District => programmes.Where(p => ChildOf(p.DistrictCode, child.Level, byCode) == child.Code).Sum(p => p.Quota),
            _ => null,
        };
        var list = children.Select(c => WithPaid(Progress(c.Code, c.Name, QuotaOf(c), countsOf[c.Code]), c.Code) with
        {
            CanOpen = c.Level > scope.Level,
        }).ToList();
        int? totalQuota = scope.Level switch
        {
            AreaLevel.Village => null,
            AreaLevel.Town => programmes.FirstOrDefault()?.Full.QuotaOf(scope.Code),
            _ => programmes.Sum(p => p.Quota),
        };
        var total = WithPaid(Progress(self.Code, "合计", totalQuota, counts), null);
        var funds = Funds(scope, sums.Select(x => (x.Measure, x.Amount)));
        var phases = await PhasesAsync(programmes, list, childLevel == AreaLevel.Village, ct);
        return Outcome<DashboardView>.Success(new DashboardView(chosenYear, self.Name, Area.LevelLabel(childLevel), programmes.Count, total, list,
            Clock.Local(clock.GetUtcNow()), self.Code, null, funds, phases, local));
    }

    /// <summary>
    /// Money by source from the maintained sums of the fund ledger (ADR 0023; reversals included): what arrived at the
    /// district, what it allocated to towns and what was paid to households. A town sees what it was allocated and paid,
    /// a village what its households were paid.
    /// </summary>
    private static List<SourceMoney> Funds(AreaScope scope, IEnumerable<(int Measure, long Amount)> sums)
    {
        var byMeasure = sums.GroupBy(x => x.Measure).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
        Amount Sum(FundEntryKind kind, FundSource source) => Amount.Of(new Money(byMeasure.GetValueOrDefault(DashboardMeasure.Fund(kind, source))));
        return Enum.GetValues<FundSource>().Select(s => new SourceMoney(s, Programme.SourceLabel(s),
            scope.Level <= AreaLevel.District ? Sum(FundEntryKind.Arrival, s) : null,
            scope.Level <= AreaLevel.Town ? Sum(FundEntryKind.Allocation, s) : null,
            Sum(FundEntryKind.Payment, s))).ToList();
    }

    /// <summary>
    /// Each phase of the programme with its days left and the child units behind in it. Above district level, where each
    /// district sets its own dates, a phase runs from the earliest start to the latest end and deadline.
    /// </summary>
    private async Task<IReadOnlyList<PhaseStanding>> PhasesAsync(IReadOnlyList<ProgrammeQuota> programmes, IReadOnlyList<AreaProgress> units, bool villages, CancellationToken ct)
    {
        var windows = programmes is [{ Full: { } one }]
            ? one.Phases.ToList()
            : programmes.SelectMany(p => p.Full.Phases)
                .GroupBy(w => w.Phase)
                .Select(g => new PhaseWindow(g.Key, g.Min(w => w.Start), g.Max(w => w.End), g.Max(w => w.Deadline), null)).ToList();
        // A village has no quota; it is judged on the programme's households per village (每村至少N户).
        var atLeast = villages && programmes is [{ Full: { } full }] ? full.MinHouseholdsPerVillage : (int?)null;
        var figures = units.Select(u => new UnitFigures(u.Code, u.Name, u.Quota, u.Funnel ?? FunnelCounts.Zero, u.AgreementsMissing, atLeast)).ToList();
        var today = clock.Today();
        return windows.OrderBy(w => w.Phase).Select(w => PhaseProgress.Of(w, today, figures)).ToList();
    }

    private static AreaProgress Progress(string code, string name, int? quota, IEnumerable<(string Child, HouseholdStatus Status, int Count)> counts)
    {
        var stages = ProgressStages.All.ToDictionary(s => s, _ => 0);
        foreach (var (_, status, count) in counts)
        {
            stages[ProgressStages.Of(status)] += count;
        }
        var registered = ProgressStages.Registered(stages);
        return new AreaProgress(code, name, quota, registered, stages, quota is { } q ? ProgressStages.PercentFiled(stages[ProgressStage.Filed], q) : null);
    }

    /// <summary>The unit at <paramref name="level"/> a district belongs to (the district itself, or its city).</summary>
    private static string ChildOf(string districtCode, AreaLevel level, Dictionary<string, Area> byCode) =>
        level == AreaLevel.City && byCode.TryGetValue(districtCode, out var d) ? d.ParentCode ?? "" : districtCode;
}
