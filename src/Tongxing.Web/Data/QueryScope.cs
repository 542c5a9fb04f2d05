using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data;

public static class QueryScope
{
    /// <summary>Only the households inside the scope, by one indexed column; no scope means nothing.</summary>
    public static IQueryable<Household> Within(this IQueryable<Household> households, AreaScope? scope) => scope?.Level switch
    {
        AreaLevel.Region => households.Where(h => h.RegionCode == scope.Code),
        AreaLevel.City => households.Where(h => h.CityCode == scope.Code),
        AreaLevel.District => households.Where(h => h.DistrictCode == scope.Code),
        AreaLevel.Town => households.Where(h => h.TownCode == scope.Code),
        AreaLevel.Village => households.Where(h => h.VillageCode == scope.Code),
        _ => households.Where(h => false),
    };

    /// <summary>The filters every household list offers: town, village, status (each only when given).</summary>
    public static IQueryable<Household> Filter(this IQueryable<Household> households, string? town, string? village, HouseholdStatus? status)
    {
        if (!string.IsNullOrEmpty(town))
        {
            households = households.Where(h => h.TownCode == town);
        }
        if (!string.IsNullOrEmpty(village))
        {
            households = households.Where(h => h.VillageCode == village);
        }
        return status is { } s ? households.Where(h => h.Status == s) : households;
    }

    /// <summary>Only the notices inside the scope (a notice belongs to one village).</summary>
    public static IQueryable<Notice> Within(this IQueryable<Notice> notices, AreaScope? scope) => scope?.Level switch
    {
        AreaLevel.Region or AreaLevel.City => notices.Where(n => false),
        AreaLevel.District => notices.Where(n => n.DistrictCode == scope.Code),
        AreaLevel.Town => notices.Where(n => n.TownCode == scope.Code),
        AreaLevel.Village => notices.Where(n => n.VillageCode == scope.Code),
        _ => notices.Where(n => false),
    };
}

/// <summary>Reading long lists a chunk at a time in the lists' order without OFFSET (which re-reads every row before it).</summary>
public static class ListOrder
{
    /// <summary>
    /// The ids of <paramref name="households"/> in list order (village, head's name, id), <paramref name="size"/> at a
    /// time: each chunk continues after the last key of the one before (keyset paging), so reading N rows costs N.
    /// </summary>
    public static async IAsyncEnumerable<Guid[]> IdChunks(this IQueryable<Household> households, int size,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? village = null, name = null;
        var id = Guid.Empty;
        while (true)
        {
            var page = households;
            if (village is not null)
            {
                page = page.Where(h => string.Compare(h.VillageCode, village) > 0
                    || (h.VillageCode == village && (string.Compare(h.HeadName, name) > 0 || (h.HeadName == name && h.Id.CompareTo(id) > 0))));
            }
            var keys = await page.OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id)
                .Select(h => new { h.VillageCode, h.HeadName, h.Id }).Take(size).ToListAsync(ct);
            if (keys.Count == 0)
            {
                yield break;
            }
            yield return keys.Select(k => k.Id).ToArray();
            if (keys.Count < size)
            {
                yield break;
            }
            (village, name, id) = (keys[^1].VillageCode, keys[^1].HeadName, keys[^1].Id);
        }
    }
}
