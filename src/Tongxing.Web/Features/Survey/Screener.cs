using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Survey;

/// <summary>
/// Runs <see cref="EligibilityRules"/> over households with what the rules need from the database
/// (who was supported in earlier years), and finds people already registered in the same programme.
/// </summary>
public sealed class Screener(TongxingDb db)
{
    private const int Chunk = 500;

    /// <summary>Statuses that mean a household was actually supported.</summary>
    public static readonly HouseholdStatus[] Supported = [HouseholdStatus.Filed, HouseholdStatus.Paid, HouseholdStatus.Paired, HouseholdStatus.Assessed];

    public async Task ScreenAsync(IReadOnlyList<Household> households, Programme programme, string cause, string userId, string userName, DateTimeOffset at, CancellationToken ct)
    {
        var earlier = await EarlierSupportedAsync(households.SelectMany(h => h.Members).Select(m => m.IdNumber), programme, ct);
        foreach (var h in households)
        {
            h.Rescreened(EligibilityRules.Evaluate(h, programme, earlier), cause, userId, userName, at);
        }
    }

    /// <summary>Of these ID numbers, those supported in an earlier year of any programme.</summary>
    public async Task<HashSet<string>> EarlierSupportedAsync(IEnumerable<string> idNumbers, Programme programme, CancellationToken ct)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in idNumbers.Distinct().Chunk(Chunk))
        {
            var found = await (from m in db.Members
                               join h in db.Households on m.HouseholdId equals h.Id
                               join p in db.Programmes on h.ProgrammeId equals p.Id
                               where chunk.Contains(m.IdNumber) && p.Year < programme.Year && Supported.Contains(h.Status)
                               select m.IdNumber).Distinct().ToListAsync(ct);
            result.UnionWith(found);
        }
        return result;
    }

    /// <summary>Where each of these people is already registered in the programme (outside <paramref name="except"/>).</summary>
    public async Task<Dictionary<string, Registered>> RegisteredAsync(int programmeId, IEnumerable<string> idNumbers, Guid? except, CancellationToken ct)
    {
        var result = new Dictionary<string, Registered>(StringComparer.Ordinal);
        foreach (var chunk in idNumbers.Distinct().Chunk(Chunk))
        {
            var found = await (from m in db.Members
                               join h in db.Households on m.HouseholdId equals h.Id
                               where m.ProgrammeId == programmeId && chunk.Contains(m.IdNumber) && h.Id != except
                               select new Registered(m.IdNumber, h.Id, h.HeadName, h.TownCode, h.VillageCode, h.RegionCode, h.CityCode, h.DistrictCode)).ToListAsync(ct);
            foreach (var r in found)
            {
                result[r.IdNumber] = r;
            }
        }
        return result;
    }
}

/// <summary>A person found on the register: in which household and where.</summary>
public sealed record Registered(string IdNumber, Guid HouseholdId, string HeadName, string TownCode, string VillageCode, string RegionCode, string CityCode, string DistrictCode)
{
    public AreaPath Area => new(RegionCode, CityCode, DistrictCode, TownCode, VillageCode);
}
