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
}
