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
