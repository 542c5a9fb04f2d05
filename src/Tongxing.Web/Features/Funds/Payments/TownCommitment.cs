using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Funds.Payments;

/// <summary>
/// What a town was allocated and has committed (sent to the bank or paid), per source, summed in SQL, weighed by
/// <see cref="FundRules.CheckCommitment"/>. Callers hold the district's funds lock.
/// </summary>
internal static class TownCommitment
{
    public static async Task<Result> CheckAsync(TongxingDb db, AreaDirectory areas, int programmeId, string townCode,
        IReadOnlyList<(FundSource Source, Money Amount)> adding, CancellationToken ct)
    {
        var allocated = await db.FundEntries.AsNoTracking()
            .Where(e => e.ProgrammeId == programmeId && e.TownCode == townCode && e.Kind == FundEntryKind.Allocation)
            .GroupBy(e => e.Source).Select(g => new { g.Key, Fen = g.Sum(e => e.Fen) })
            .ToDictionaryAsync(x => x.Key, x => new Money(x.Fen), ct);
        var committed = await db.Payments.AsNoTracking()
            .Where(p => p.ProgrammeId == programmeId && p.TownCode == townCode && (p.State == PaymentState.Sent || p.State == PaymentState.Paid))
            .GroupBy(p => 1).Select(g => new { Region = g.Sum(p => p.RegionFen), City = g.Sum(p => p.CityFen), District = g.Sum(p => p.DistrictFen) })
            .FirstOrDefaultAsync(ct);
        var used = new Dictionary<FundSource, Money>
        {
            [FundSource.Region] = new(committed?.Region ?? 0),
            [FundSource.City] = new(committed?.City ?? 0),
            [FundSource.District] = new(committed?.District ?? 0),
        };
        var name = (await areas.NamesAsync([townCode], ct)).GetValueOrDefault(townCode, "");
        return FundRules.CheckCommitment(name, allocated, used, adding);
    }
}
