using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;

namespace Tongxing.Web.Features.Pairing;

/// <summary>The helpers households are paired with now (pairings not ended), read for lists and forms that name them.</summary>
public static class CurrentHelpers
{
    /// <summary>Each household's current helpers' names in the order they were paired; a household with none is absent.</summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<string>>> NamesAsync(TongxingDb db, IReadOnlyCollection<Guid> households, CancellationToken ct) =>
        (await db.Pairings.AsNoTracking().Where(p => households.Contains(p.HouseholdId) && p.EndedOn == null)
            .Join(db.Helpers, p => p.HelperId, x => x.Id, (p, x) => new { p.HouseholdId, x.Name, p.StartedOn }).ToListAsync(ct))
        .GroupBy(x => x.HouseholdId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.OrderBy(x => x.StartedOn).Select(x => x.Name).ToList());
}
