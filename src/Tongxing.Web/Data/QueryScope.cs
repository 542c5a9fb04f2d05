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

    /// <summary>
    /// An area code typed into a list's filter, as the query may use it: null when none was given, the code when it looks
    /// like one (digits), otherwise a value that matches no area — never a character a database refuses (PostgreSQL
    /// refuses NUL in text).
    /// </summary>
    public static string? FilterCode(string? code) =>
        string.IsNullOrEmpty(code) ? null : code.Length <= 12 && code.All(char.IsAsciiDigit) ? code : "-";

    /// <summary>The filters every household list offers: town, village, status (each only when given).</summary>
    public static IQueryable<Household> Filter(this IQueryable<Household> households, string? town, string? village, HouseholdStatus? status)
    {
        town = FilterCode(town);
        village = FilterCode(village);
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
    /// <summary>
    /// The list's search (<see cref="HouseholdSearch"/>): a name inside the keys column; an ID through the members'
    /// indexed ID, or its last digits through the members' indexed reversed ID — the members found first, then their
    /// households, still inside the user's area.
    /// </summary>
    public static IQueryable<Household> Search(this IQueryable<Household> households, IQueryable<Member> members, SearchTerm? term)
    {
        if (term is null)
        {
            return households;
        }
        var value = term.Value;
        switch (term.Kind)
        {
            case SearchKind.Name:
                return households.Where(h => h.SearchKeys.Contains(value));
            case SearchKind.WholeId:
                return households.Where(h => members.Where(m => m.IdNumber == value).Select(m => m.HouseholdId).Contains(h.Id));
            default:
                var from = term.ReversedFrom;
                var before = term.ReversedBefore;
                return households.Where(h => members
                    .Where(m => string.Compare(m.IdNumberReversed, from) >= 0 && string.Compare(m.IdNumberReversed, before) < 0)
                    .Select(m => m.HouseholdId).Contains(h.Id));
        }
    }

    public static IQueryable<Notice> Within(this IQueryable<Notice> notices, AreaScope? scope) => scope?.Level switch
    {
        AreaLevel.Region or AreaLevel.City => notices.Where(n => false),
        AreaLevel.District => notices.Where(n => n.DistrictCode == scope.Code),
        AreaLevel.Town => notices.Where(n => n.TownCode == scope.Code),
        AreaLevel.Village => notices.Where(n => n.VillageCode == scope.Code),
        _ => notices.Where(n => false),
    };
}

public static class FundScope
{
    /// <summary>The ledger's lines inside the scope: a district sees its own, a town its allocations and payments, a village its payments.</summary>
    public static IQueryable<FundEntry> Within(this IQueryable<FundEntry> entries, AreaScope? scope) => scope?.Level switch
    {
        AreaLevel.District => entries.Where(e => e.DistrictCode == scope.Code),
        AreaLevel.Town => entries.Where(e => e.TownCode == scope.Code),
        AreaLevel.Village => entries.Where(e => e.VillageCode == scope.Code),
        _ => entries.Where(e => false),
    };

    public static IQueryable<Payment> Within(this IQueryable<Payment> payments, AreaScope? scope) => scope?.Level switch
    {
        AreaLevel.District => payments.Where(p => p.DistrictCode == scope.Code),
        AreaLevel.Town => payments.Where(p => p.TownCode == scope.Code),
        AreaLevel.Village => payments.Where(p => p.VillageCode == scope.Code),
        _ => payments.Where(p => false),
    };

    public static IQueryable<PaymentBatch> Within(this IQueryable<PaymentBatch> batches, AreaScope? scope) => scope?.Level switch
    {
        AreaLevel.District => batches.Where(b => b.DistrictCode == scope.Code),
        AreaLevel.Town => batches.Where(b => b.TownCode == scope.Code),
        _ => batches.Where(b => false),
    };

    public static IQueryable<ProjectStart> Within(this IQueryable<ProjectStart> starts, AreaScope? scope) => scope?.Level switch
    {
        AreaLevel.District => starts.Where(s => s.DistrictCode == scope.Code),
        AreaLevel.Town => starts.Where(s => s.TownCode == scope.Code),
        AreaLevel.Village => starts.Where(s => s.VillageCode == scope.Code),
        _ => starts.Where(s => false),
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

/// <summary>Area scoping of the pairing records (ADR 0027): each carries the five codes of its household or village.</summary>
public static class PairingScope
{
    public static IQueryable<T> Within<T>(this IQueryable<T> q, AreaScope? scope) where T : class, IAreaCoded => scope?.Level switch
    {
        AreaLevel.Region => q.Where(x => x.RegionCode == scope.Code),
        AreaLevel.City => q.Where(x => x.CityCode == scope.Code),
        AreaLevel.District => q.Where(x => x.DistrictCode == scope.Code),
        AreaLevel.Town => q.Where(x => x.TownCode == scope.Code),
        AreaLevel.Village => q.Where(x => x.VillageCode == scope.Code),
        _ => q.Where(x => false),
    };

    /// <summary>
    /// The households a helper's account may reach: those with a live pairing to the helper whose account it is. A
    /// helper's area (their village) alone opens nothing; every helper-facing query goes through this.
    /// </summary>
    public static IQueryable<Guid> HouseholdsOfHelperAccount(this TongxingDb db, string userId) =>
        db.Pairings.Where(p => p.EndedOn == null && db.Helpers.Any(h => h.Id == p.HelperId && h.UserId == userId)).Select(p => p.HouseholdId);
}
