namespace Tongxing.Web.Domain;

/// <summary>One source's money at the district, summed from the ledger (到账, 下拨, 发放, 发放失败).</summary>
public sealed record SourceTotals(FundSource Source, Money Received, Money Allocated, Money Paid, Money Failed)
{
    /// <summary>What the district still holds of this source: received − allocated.</summary>
    public Money DistrictRemaining => Received - Allocated;

    /// <summary>What the towns still hold of this source: allocated − paid.</summary>
    public Money TownsRemaining => Allocated - Paid;
}

/// <summary>One source's money at one town, summed from the ledger, and what the town's filed households need of it.</summary>
public sealed record TownSourceTotals(string TownCode, FundSource Source, Money Allocated, Money Paid, Money Failed, Money Need)
{
    /// <summary>What the town still holds: allocated − paid.</summary>
    public Money Remaining => Allocated - Paid;
}

/// <summary>
/// The household and payment counts of one town that reconciliation checks, each counted in SQL:
/// filed-or-later households (已备案 and after, not returned or withdrawn), those among them without a paid payment,
/// paid payments whose household is not (or no longer) filed, paid payments without a receipt, paid payments whose
/// ledger lines do not add up to their amount, and failed or reversed payments whose payment lines were not reversed.
/// </summary>
public sealed record TownCounts(string TownCode, int Filed, int Unpaid, int PaidNotFiled, int PaidWithoutReceipt, int LinesNotMatchingAmount,
    int LinesWithoutLivePayment)
{
    public static TownCounts None(string townCode) => new(townCode, 0, 0, 0, 0, 0, 0);
}

public enum FlagKind
{
    /// <summary>下拨超过到账: a source allocated beyond what arrived.</summary>
    AllocatedMoreThanReceived = 1,
    /// <summary>发放超过下拨: a town paid more of a source than it was allocated.</summary>
    PaidMoreThanAllocated = 2,
    /// <summary>已备案未发放: filed households still unpaid (overdue after the deadline).</summary>
    FiledUnpaid = 3,
    /// <summary>未备案已发放: a paid payment whose household is not filed (or was returned, withdrawn).</summary>
    PaidNotFiled = 4,
    /// <summary>已发放未签收.</summary>
    PaidWithoutReceipt = 5,
    /// <summary>发放金额与台账不符: a paid payment's ledger lines do not add up to its amount.</summary>
    LinesNotMatchingAmount = 6,
    /// <summary>台账有发放、发放已失效: payment lines of a failed or reversed payment that were not reversed.</summary>
    LinesWithoutLivePayment = 7,
    /// <summary>已全部发放仍有结余: every filed household of the town is paid and money of a source is left.</summary>
    TownSurplus = 8,
    /// <summary>已全部下拨发放，区级仍有结余: every filed household of the district is paid and arrived money was not allocated.</summary>
    DistrictSurplus = 9,
}

/// <summary>A mismatch found by <see cref="Reconciliation.Check"/>, with its Chinese message; town and source when it has them.</summary>
public sealed record ReconciliationFlag(FlagKind Kind, string? TownCode, FundSource? Source, int Count, Money Amount, bool Overdue, string Message);

/// <summary>The funds phase's deadline for the flags: the date, and today (both China dates).</summary>
public sealed record FundsDeadline(DateOnly? Deadline, DateOnly Today)
{
    /// <summary>Days left before the deadline (0 on the day), negative once overdue; null without a deadline.</summary>
    public int? DaysLeft => Deadline is { } d ? d.DayNumber - Today.DayNumber : null;
    public bool Overdue => DaysLeft < 0;
}

/// <summary>
/// The reconciliation rules (对账, ADR 0023): from sums of the ledger and counts of households and payments, every
/// mismatch flagged with a Chinese message. A district that received what its filed households need, allocated it to
/// the towns, paid every filed household and collected every receipt has every remaining at zero and no flag.
/// </summary>
public static class Reconciliation
{
    /// <summary>The flags of a district (or of the towns in <paramref name="towns"/> only, for a town's viewer: then <paramref name="sources"/> is empty).</summary>
    public static IReadOnlyList<ReconciliationFlag> Check(IReadOnlyList<SourceTotals> sources, IReadOnlyList<TownSourceTotals> towns,
        IReadOnlyList<TownCounts> counts, FundsDeadline deadline, Func<string, string> townName)
    {
        var flags = new List<ReconciliationFlag>();
        foreach (var s in sources.OrderBy(s => s.Source))
        {
            if (s.Allocated > s.Received)
            {
                flags.Add(new(FlagKind.AllocatedMoreThanReceived, null, s.Source, 0, s.Allocated - s.Received, false,
                    $"{Source(s.Source)}资金已下拨{s.Allocated}，超过到账{s.Received}（超出{s.Allocated - s.Received}）"));
            }
        }
        foreach (var t in towns.OrderBy(t => t.TownCode, StringComparer.Ordinal).ThenBy(t => t.Source))
        {
            if (t.Paid > t.Allocated)
            {
                flags.Add(new(FlagKind.PaidMoreThanAllocated, t.TownCode, t.Source, 0, t.Paid - t.Allocated, false,
                    $"{townName(t.TownCode)}{Source(t.Source)}资金已发放{t.Paid}，超过下拨{t.Allocated}（超出{t.Paid - t.Allocated}）"));
            }
        }
        foreach (var c in counts.OrderBy(c => c.TownCode, StringComparer.Ordinal))
        {
            var name = townName(c.TownCode);
            if (c.Unpaid > 0)
            {
                var message = deadline switch
                {
                    { Overdue: true } => $"{name}已超过发放期限（{deadline.Deadline:M月d日}）{-deadline.DaysLeft}天，仍有{c.Unpaid}户已备案未发放",
                    { DaysLeft: { } left } => $"{name}有{c.Unpaid}户已备案未发放，距发放期限（{deadline.Deadline:M月d日}）还有{left}天",
                    _ => $"{name}有{c.Unpaid}户已备案未发放",
                };
                flags.Add(new(FlagKind.FiledUnpaid, c.TownCode, null, c.Unpaid, Money.Zero, deadline.Overdue, message));
            }
            foreach (var (kind, count, what) in new[]
            {
                (FlagKind.PaidNotFiled, c.PaidNotFiled, "笔资金发放给了未备案（或已退回、已撤销）的对象"),
                (FlagKind.PaidWithoutReceipt, c.PaidWithoutReceipt, "户已发放未签收"),
                (FlagKind.LinesNotMatchingAmount, c.LinesNotMatchingAmount, "笔已发放资金的台账金额与发放金额不符"),
                (FlagKind.LinesWithoutLivePayment, c.LinesWithoutLivePayment, "笔已失败或已冲销的发放，台账上的发放记录未冲销"),
            }.Where(x => x.Item2 > 0))
            {
                flags.Add(new(kind, c.TownCode, null, count, Money.Zero, false, $"{name}有{count}{what}"));
            }
        }
        var unpaid = counts.ToDictionary(c => c.TownCode, c => c.Unpaid, StringComparer.Ordinal);
        foreach (var t in towns.OrderBy(t => t.TownCode, StringComparer.Ordinal).ThenBy(t => t.Source))
        {
            if (unpaid.GetValueOrDefault(t.TownCode) == 0 && t.Remaining > Money.Zero)
            {
                flags.Add(new(FlagKind.TownSurplus, t.TownCode, t.Source, 0, t.Remaining, false,
                    $"{townName(t.TownCode)}已备案对象均已发放，{Source(t.Source)}资金仍结余{t.Remaining}"));
            }
        }
        if (counts.All(c => c.Unpaid == 0))
        {
            foreach (var s in sources.OrderBy(s => s.Source).Where(s => s.DistrictRemaining > Money.Zero))
            {
                flags.Add(new(FlagKind.DistrictSurplus, null, s.Source, 0, s.DistrictRemaining, false,
                    $"已备案对象均已发放，{Source(s.Source)}资金到账后仍有{s.DistrictRemaining}未下拨"));
            }
        }
        return flags;
    }

    /// <summary>What each filed household needs of each source: its split of the subsidy (<see cref="FundSplitRule"/>) × households.</summary>
    public static Money Need(int filedHouseholds, Money subsidy, IReadOnlyList<FundShare> shares, FundSource source) =>
        FundSplitRule.Budget(filedHouseholds, subsidy, shares).Where(p => p.Source == source).Select(p => p.Amount).FirstOrDefault();

    /// <summary>A town is balanced (已对平) when no flag names it.</summary>
    public static bool Balanced(string townCode, IReadOnlyList<ReconciliationFlag> flags) =>
        !flags.Any(f => string.Equals(f.TownCode, townCode, StringComparison.Ordinal));

    private static string Source(FundSource s) => Programme.SourceLabel(s);
}
