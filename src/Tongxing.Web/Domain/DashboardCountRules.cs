namespace Tongxing.Web.Domain;

/// <summary>
/// What the dashboard's maintained counts hold (ADR 0032): for each village of a programme, a count (and for money an
/// amount in fen) per measure. A measure is a number so that the recount can compute it in SQL from the same rule.
/// Nothing here depends on today's date: visits due or overdue are counted when read.
/// </summary>
public static class DashboardMeasure
{
    /// <summary>Households with a return visit whose status is 已结对 or 已评估 (the funnel's 已回访).</summary>
    public const int Visited = 1;

    /// <summary>Households with a helper whose visits are scheduled (<c>VisitsFrom</c> set: the dashboard's 已结对).</summary>
    public const int Paired = 2;

    /// <summary>Live paid payments (已发放).</summary>
    public const int Paid = 3;

    /// <summary>Paid payments with a receipt (已回执).</summary>
    public const int Receipted = 4;

    /// <summary>Live pairings without a signed agreement (帮扶协议未签订).</summary>
    public const int AgreementMissing = 5;

    private const int StatusBase = 100;
    private const int FundBase = 1000;

    /// <summary>The status measures lie strictly between these two (so that SQL can select them all: every household is in one).</summary>
    public const int StatusesAbove = StatusBase, StatusesBelow = FundBase;

    /// <summary>Households in <paramref name="status"/>.</summary>
    public static int InStatus(HouseholdStatus status) => StatusBase + (int)status;

    /// <summary>True for the ledger's measures, whose amount (in fen) matters as well as their count.</summary>
    public static bool IsMoney(int measure) => measure > FundBase;

    /// <summary>What a measure counts, in words for an operator reading <c>recount --check</c>.</summary>
    public static string Describe(int measure) => measure switch
    {
        Visited => "已回访户数",
        Paired => "有帮扶人的户数",
        Paid => "已发放笔数",
        Receipted => "已签收笔数",
        AgreementMissing => "协议未签的结对数",
        _ when StatusOf(measure) is { } status => $"“{Labels.Of(status)}”户数",
        _ when IsMoney(measure) => $"{Programme.SourceLabel((FundSource)(measure % 10))}资金{Labels.Of((FundEntryKind)((measure - FundBase) / 10))}",
        _ => $"指标{measure}",
    };

    /// <summary>The status a measure counts, or null if it counts something else.</summary>
    public static HouseholdStatus? StatusOf(int measure) =>
        measure is > StatusBase and < FundBase ? (HouseholdStatus)(measure - StatusBase) : null;

    /// <summary>Ledger lines of one kind and source (the amount is their sum in fen).</summary>
    public static int Fund(FundEntryKind kind, FundSource source) => FundBase + ((int)kind * 10) + (int)source;

    /// <summary>The household statuses whose return visits the funnel counts as 已回访.</summary>
    public static readonly IReadOnlyList<HouseholdStatus> VisitedStatuses = [HouseholdStatus.Paired, HouseholdStatus.Assessed];

    /// <summary>The ledger kinds the dashboard sums.</summary>
    public static readonly IReadOnlyList<FundEntryKind> CountedKinds = [FundEntryKind.Arrival, FundEntryKind.Allocation, FundEntryKind.Payment];
}

/// <summary>One village's (or, for money above the village, one town's or district's) count of a measure.</summary>
/// <param name="TownCode">Empty for money recorded at the district (到账).</param>
/// <param name="VillageCode">Empty for money recorded at the district or town (到账, 下拨).</param>
public readonly record struct CountKey(int ProgrammeId, string DistrictCode, string TownCode, string VillageCode, int Measure);

/// <summary>A change to one count: how many more (or fewer) and how much more money.</summary>
public readonly record struct CountDelta(CountKey Key, long Count, long Amount);

/// <summary>How one record contributes to the counts, and how a change becomes deltas.</summary>
public static class DashboardCountRules
{
    /// <summary>Where a record lies: its programme and area codes (null town or village codes count as empty).</summary>
    public readonly record struct Place(int ProgrammeId, string DistrictCode, string? TownCode, string? VillageCode)
    {
        public CountKey Key(int measure) => new(ProgrammeId, DistrictCode, TownCode ?? "", VillageCode ?? "", measure);
    }

    public static IEnumerable<CountDelta> OfHousehold(Place at, HouseholdStatus status, bool visitsScheduled, bool returnVisited)
    {
        yield return new(at.Key(DashboardMeasure.InStatus(status)), 1, 0);
        if (visitsScheduled)
        {
            yield return new(at.Key(DashboardMeasure.Paired), 1, 0);
        }
        if (returnVisited && DashboardMeasure.VisitedStatuses.Contains(status))
        {
            yield return new(at.Key(DashboardMeasure.Visited), 1, 0);
        }
    }

    public static IEnumerable<CountDelta> OfPayment(Place at, PaymentState state, bool receipted)
    {
        if (state != PaymentState.Paid)
        {
            yield break;
        }
        yield return new(at.Key(DashboardMeasure.Paid), 1, 0);
        if (receipted)
        {
            yield return new(at.Key(DashboardMeasure.Receipted), 1, 0);
        }
    }

    public static IEnumerable<CountDelta> OfPairing(Place at, bool ended, bool agreementStored)
    {
        if (!ended && !agreementStored)
        {
            yield return new(at.Key(DashboardMeasure.AgreementMissing), 1, 0);
        }
    }

    public static IEnumerable<CountDelta> OfFundEntry(Place at, FundEntryKind kind, FundSource source, long fen)
    {
        if (DashboardMeasure.CountedKinds.Contains(kind))
        {
            yield return new(at.Key(DashboardMeasure.Fund(kind, source)), 1, fen);
        }
    }

    /// <summary>
    /// The code that stands for "all of them" in a total's key. Each count is kept for its village, once more summed for
    /// its town (village code <see cref="Total"/>) and once more for its district (town and village code
    /// <see cref="Total"/>), so that a district reads one row per town and measure, and a region or city one row per
    /// district and measure, rather than every village's (ADR 0032).
    /// </summary>
    public const string Total = "*";

    /// <summary>Each delta, the same delta to its town's total and to its district's total.</summary>
    public static IEnumerable<CountDelta> WithTotals(IEnumerable<CountDelta> deltas) =>
        deltas.SelectMany(d => new[]
        {
            d,
            d with { Key = d.Key with { VillageCode = Total } },
            d with { Key = d.Key with { TownCode = Total, VillageCode = Total } },
        });

    /// <summary>What a record contributed before a change is taken away.</summary>
    public static IEnumerable<CountDelta> Removed(IEnumerable<CountDelta> before) => before.Select(d => d with { Count = -d.Count, Amount = -d.Amount });

    /// <summary>
    /// The deltas summed per count, the ones that cancel out dropped, in key order: two transactions that change the
    /// same counts lock them in the same order and cannot deadlock on them.
    /// </summary>
    public static IReadOnlyList<CountDelta> Net(IEnumerable<CountDelta> deltas) =>
        deltas.GroupBy(d => d.Key)
            .Select(g => new CountDelta(g.Key, g.Sum(d => d.Count), g.Sum(d => d.Amount)))
            .Where(d => d.Count != 0 || d.Amount != 0)
            .OrderBy(d => d.Key.ProgrammeId).ThenBy(d => d.Key.DistrictCode, StringComparer.Ordinal).ThenBy(d => d.Key.TownCode, StringComparer.Ordinal)
            .ThenBy(d => d.Key.VillageCode, StringComparer.Ordinal).ThenBy(d => d.Key.Measure)
            .ToList();
}
