using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>The district and programme the signed-in office's money pages work on.</summary>
public sealed record FundContext(Programme Programme, string DistrictCode, IReadOnlyList<Area> Towns)
{
    public IReadOnlyList<(FundSource Source, Money Amount)> HouseholdSplit =>
        FundSplitRule.Split(Programme.SubsidyPerHousehold, Programme.FundShares);

    public string TownName(string? code) => Towns.FirstOrDefault(t => t.Code == code)?.Name ?? code ?? "";
}

/// <summary>One town's side of the funds: its filed households, what they need and what it was allocated, per source.</summary>
public sealed record TownFunds(string TownCode, string TownName, int FiledHouseholds, IReadOnlyDictionary<FundSource, Money> Need, IReadOnlyDictionary<FundSource, Money> Allocated)
{
    public Money NeedOf(FundSource s) => Need.GetValueOrDefault(s);
    public Money AllocatedOf(FundSource s) => Allocated.GetValueOrDefault(s);
    public Money ShortfallOf(FundSource s) => NeedOf(s) > AllocatedOf(s) ? NeedOf(s) - AllocatedOf(s) : Money.Zero;
}

/// <summary>
/// Reads the balances of the fund ledger (ADR 0023): every figure a sum of signed lines in SQL, reversals included, so
/// the pages, the API and the allocation check read the same numbers.
/// </summary>
public sealed class FundBooks(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    /// <summary>The office's district, its current programme and its towns; null above or outside a district.</summary>
    public async Task<FundContext?> ContextAsync(CancellationToken ct)
    {
        if (me.Scope is not { } scope || await areas.DistrictOfAsync(scope, ct) is not { } district)
        {
            return null;
        }
        var programme = await HouseholdChecks.CurrentProgrammeAsync(db, district, clock.Today(), ct);
        if (programme is null)
        {
            return null;
        }
        var towns = (await areas.WithinAsync(new AreaScope(AreaLevel.District, district), ct)).Where(a => a.Level == AreaLevel.Town).ToList();
        return new FundContext(programme, district, towns);
    }

    /// <summary>A source's total of one kind of line at the district (all towns), per source.</summary>
    public async Task<Dictionary<FundSource, Money>> DistrictTotalsAsync(FundContext c, FundEntryKind kind, CancellationToken ct) =>
        (await db.FundEntries.Where(e => e.ProgrammeId == c.Programme.Id && e.DistrictCode == c.DistrictCode && e.Kind == kind)
            .GroupBy(e => e.Source).Select(g => new { g.Key, Fen = g.Sum(e => e.Fen) }).ToListAsync(ct))
        .ToDictionary(x => x.Key, x => new Money(x.Fen));

    /// <summary>Per town: filed households (已备案 and after), their need per source and the allocations per source.</summary>
    public async Task<IReadOnlyList<TownFunds>> TownsAsync(FundContext c, string? onlyTown, CancellationToken ct)
    {
        var households = db.Households.Where(h => h.ProgrammeId == c.Programme.Id && h.DistrictCode == c.DistrictCode && FundRules.FiledOrLater.Contains(h.Status));
        var allocations = db.FundEntries.Where(e => e.ProgrammeId == c.Programme.Id && e.DistrictCode == c.DistrictCode && e.Kind == FundEntryKind.Allocation);
        if (onlyTown is not null)
        {
            households = households.Where(h => h.TownCode == onlyTown);
            allocations = allocations.Where(e => e.TownCode == onlyTown);
        }
        var filed = await households.GroupBy(h => h.TownCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var allocated = await allocations.GroupBy(e => new { e.TownCode, e.Source }).Select(g => new { g.Key.TownCode, g.Key.Source, Fen = g.Sum(e => e.Fen) }).ToListAsync(ct);
        var split = c.HouseholdSplit;
        return c.Towns.Where(t => onlyTown is null || t.Code == onlyTown)
            .Where(t => !t.IsRetired || filed.ContainsKey(t.Code) || allocated.Any(a => a.TownCode == t.Code))
            .Select(t =>
            {
                var count = filed.GetValueOrDefault(t.Code);
                return new TownFunds(t.Code, t.Name, count,
                    split.ToDictionary(p => p.Source, p => new Money(checked(p.Amount.Fen * count))),
                    allocated.Where(a => a.TownCode == t.Code).ToDictionary(a => a.Source, a => new Money(a.Fen)));
            }).ToList();
    }

    /// <summary>Where a source stands for an allocation to <paramref name="town"/>: received, allocated, the town's allocation and need.</summary>
    public async Task<AllocationPosition> PositionAsync(FundContext c, TownFunds town, FundSource source, CancellationToken ct)
    {
        var (received, allocated) = await AtDistrictAsync(c.Programme.Id, c.DistrictCode, source, ct);
        return new AllocationPosition(source, received, allocated, town.AllocatedOf(source), town.NeedOf(source));
    }

    /// <summary>What a source has received at the district and allocated to its towns, reversals included.</summary>
    public async Task<(Money Received, Money Allocated)> AtDistrictAsync(int programmeId, string districtCode, FundSource source, CancellationToken ct)
    {
        var lines = db.FundEntries.Where(e => e.ProgrammeId == programmeId && e.DistrictCode == districtCode && e.Source == source);
        var received = await lines.Where(e => e.Kind == FundEntryKind.Arrival).SumAsync(e => e.Fen, ct);
        var allocated = await lines.Where(e => e.Kind == FundEntryKind.Allocation).SumAsync(e => e.Fen, ct);
        return (new Money(received), new Money(allocated));
    }
}
