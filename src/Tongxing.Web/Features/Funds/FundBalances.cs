using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Funds;

/// <summary>The sums and counts of one programme inside one area that reconciliation reads; every figure comes from SQL.</summary>
public sealed record BalanceFigures(IReadOnlyList<SourceTotals> Sources, IReadOnlyList<TownSourceTotals> Towns, IReadOnlyList<TownCounts> Counts);

/// <summary>
/// Balances of the fund ledger (ADR 0023), summed in SQL: per source at the district (received, allocated, paid,
/// failed), per town and source (allocated, paid, failed, and the need of its filed households); and the counts
/// reconciliation checks. Nothing is loaded row by row to be summed here: each figure is
/// one GROUP BY over the ledger's <c>Fen</c> column or a count over households and payments, inside the caller's area.
/// Used by the reconciliation page, its API and export.
/// </summary>
public sealed class FundBalances(TongxingDb db)
{
    /// <summary>Households counted as filed for the funds: 已备案 and every later step, not returned or withdrawn.</summary>
    public static readonly HouseholdStatus FirstFiled = HouseholdStatus.Filed, LastFiled = HouseholdStatus.Assessed;

    /// <summary>
    /// Every figure of the programme inside <paramref name="scope"/> for the towns given (the towns of the scope; a
    /// town seen in the data but not listed is added). At district level the per-source figures are the district's,
    /// at town level there are none (arrivals are the district's) and only the town's own figures are read.
    /// </summary>
    public async Task<BalanceFigures> FiguresAsync(Programme programme, AreaScope scope, IReadOnlyList<string> towns, CancellationToken ct)
    {
        var sums = await LedgerSumsAsync(programme.Id, scope, ct);
        var counts = await CountsAsync(programme.Id, scope, ct);
        var townCodes = towns.Concat(sums.Select(s => s.TownCode).OfType<string>()).Concat(counts.Keys).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var sources = Enum.GetValues<FundSource>();
        long Sum(string? town, FundEntryKind kind, FundSource source, bool anyTown = false) =>
            sums.Where(s => (anyTown ? s.TownCode != null : s.TownCode == town) && s.Kind == kind && s.Source == source).Sum(s => s.Fen);

        var perSource = scope.Level == AreaLevel.District
            ? sources.Select(s => new SourceTotals(s, new Money(Sum(null, FundEntryKind.Arrival, s)), new Money(Sum(null, FundEntryKind.Allocation, s, anyTown: true)),
                new Money(Sum(null, FundEntryKind.Payment, s, anyTown: true)), new Money(Sum(null, FundEntryKind.PaymentFailed, s, anyTown: true)))).ToList()
            : [];
        var perTown = townCodes.SelectMany(t => sources.Select(s => new TownSourceTotals(t, s, new Money(Sum(t, FundEntryKind.Allocation, s)),
            new Money(Sum(t, FundEntryKind.Payment, s)), new Money(Sum(t, FundEntryKind.PaymentFailed, s)),
            Reconciliation.Need(counts.GetValueOrDefault(t)?.Filed ?? 0, programme.SubsidyPerHousehold, programme.FundShares, s)))).ToList();
        return new BalanceFigures(perSource, perTown, townCodes.Select(t => counts.GetValueOrDefault(t) ?? TownCounts.None(t)).ToList());
    }

    private sealed record LedgerSum(string? TownCode, FundEntryKind Kind, FundSource Source, long Fen);

    /// <summary>The ledger of the programme inside the scope, summed per town (none for arrivals), kind and source: one GROUP BY.</summary>
    private async Task<List<LedgerSum>> LedgerSumsAsync(int programmeId, AreaScope scope, CancellationToken ct) =>
        (await db.FundEntries.AsNoTracking().Within(scope).Where(e => e.ProgrammeId == programmeId)
            .GroupBy(e => new { e.TownCode, e.Kind, e.Source })
            .Select(g => new { g.Key.TownCode, g.Key.Kind, g.Key.Source, Fen = g.Sum(e => e.Fen) })
            .ToListAsync(ct))
        .Select(x => new LedgerSum(x.TownCode, x.Kind, x.Source, x.Fen)).ToList();

    /// <summary>Per town: the counts of <see cref="TownCounts"/>, each one grouped count in SQL.</summary>
    private async Task<Dictionary<string, TownCounts>> CountsAsync(int programmeId, AreaScope scope, CancellationToken ct)
    {
        var households = db.Households.AsNoTracking().Within(scope).Where(h => h.ProgrammeId == programmeId && h.Status >= FirstFiled && h.Status <= LastFiled);
        var payments = db.Payments.AsNoTracking().Within(scope).Where(p => p.ProgrammeId == programmeId);
        var paid = payments.Where(p => p.State == PaymentState.Paid);
        var allPaid = db.Payments.Where(p => p.State == PaymentState.Paid);
        var paymentLines = db.FundEntries.Where(e => e.Kind == FundEntryKind.Payment);

        var filed = await PerTown(households.GroupBy(h => h.TownCode).Select(g => new TownCount(g.Key, g.Count())), ct);
        var unpaid = await PerTown(households.Where(h => !allPaid.Any(p => p.LiveHouseholdId == h.Id))
            .GroupBy(h => h.TownCode).Select(g => new TownCount(g.Key, g.Count())), ct);
        var notFiled = await PerTown(paid.Where(p => db.Households.Any(h => h.Id == p.HouseholdId && (h.Status < FirstFiled || h.Status > LastFiled)))
            .GroupBy(p => p.TownCode).Select(g => new TownCount(g.Key, g.Count())), ct);
        var noReceipt = await PerTown(paid.Where(p => p.ReceiptKind == null).GroupBy(p => p.TownCode).Select(g => new TownCount(g.Key, g.Count())), ct);
        var mismatch = await PerTown(paid.Where(p => (paymentLines.Where(e => e.PaymentId == p.Id).Sum(e => (long?)e.Fen) ?? 0) != p.Fen)
            .GroupBy(p => p.TownCode).Select(g => new TownCount(g.Key, g.Count())), ct);
        var orphan = await PerTown(payments.Where(p => p.State != PaymentState.Paid && (paymentLines.Where(e => e.PaymentId == p.Id).Sum(e => (long?)e.Fen) ?? 0) != 0)
            .GroupBy(p => p.TownCode).Select(g => new TownCount(g.Key, g.Count())), ct);

        return filed.Keys.Concat(unpaid.Keys).Concat(notFiled.Keys).Concat(noReceipt.Keys).Concat(mismatch.Keys).Concat(orphan.Keys)
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(t => t, t => new TownCounts(t, filed.GetValueOrDefault(t), unpaid.GetValueOrDefault(t), notFiled.GetValueOrDefault(t),
                noReceipt.GetValueOrDefault(t), mismatch.GetValueOrDefault(t), orphan.GetValueOrDefault(t)), StringComparer.Ordinal);
    }

    private sealed record TownCount(string Town, int Count);

    private static async Task<Dictionary<string, int>> PerTown(IQueryable<TownCount> grouped, CancellationToken ct) =>
        await grouped.ToDictionaryAsync(c => c.Town, c => c.Count, StringComparer.Ordinal, ct);
}
