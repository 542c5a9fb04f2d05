using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data;

/// <summary>Reads the area hierarchy: what lies inside a user's scope, and a village's path to the region.</summary>
public sealed class AreaDirectory(TongxingDb db, IMemoryCache cache)
{
    /// <summary>How long a node keeps an area subtree in memory: the hierarchy changes a few times a year.</summary>
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Drops every cached subtree, programme unit and name on this node at once, after the tree changed (an import, a
    /// village added, renamed, retired or restored). Other nodes see the change when their copies expire.
    /// </summary>
    public void Changed()
    {
        var previous = cache.Get<CancellationTokenSource>(TreeVersion);
        cache.Set(TreeVersion, new CancellationTokenSource(), new MemoryCacheEntryOptions { Priority = CacheItemPriority.NeverRemove });
        previous?.Cancel();
        previous?.Dispose();
    }

    private const string TreeVersion = "area-tree-version";

    /// <summary>Ends with the tree's next change: every entry cached from the tree carries it.</summary>
    private CancellationChangeToken ChangeToken() => new(cache.GetOrCreate(TreeVersion, e =>
    {
        e.Priority = CacheItemPriority.NeverRemove;
        return new CancellationTokenSource();
    })!.Token);

    /// <summary>The units in use (not retired) of the scope: what a new record may be placed in.</summary>
    public async Task<IReadOnlyList<Area>> InUseWithinAsync(AreaScope? scope, CancellationToken ct) =>
        (await WithinAsync(scope, ct)).Where(a => !a.IsRetired).ToList();

    /// <summary>The scope's own unit and every unit below it, ordered by code (cached per node for a few minutes).</summary>
    public async Task<IReadOnlyList<Area>> WithinAsync(AreaScope? scope, CancellationToken ct)
    {
        if (scope is null)
        {
            return [];
        }
        return (await cache.GetOrCreateAsync(("areas", scope.Code), async e =>
        {
            e.AbsoluteExpirationRelativeToNow = CacheFor;
            e.AddExpirationToken(ChangeToken());
            return await LoadWithinAsync(scope, ct);
        }))!;
    }

    private async Task<IReadOnlyList<Area>> LoadWithinAsync(AreaScope scope, CancellationToken ct)
    {
        var result = await db.Areas.AsNoTracking().Where(a => a.Code == scope.Code).ToListAsync(ct);
        var parents = result.Select(a => a.Code).ToList();
        while (parents.Count > 0)
        {
            var children = await db.Areas.AsNoTracking().Where(a => a.ParentCode != null && parents.Contains(a.ParentCode)).ToListAsync(ct);
            result.AddRange(children);
            parents = children.Where(c => c.Level != AreaLevel.Village).Select(c => c.Code).ToList();
        }
        return result.OrderBy(a => a.Code).ToList();
    }

    /// <summary>The village's path up to the region, or null when it is not a village.</summary>
    public async Task<AreaPath?> PathOfAsync(string? villageCode, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(villageCode) || villageCode.Length > 12)
        {
            return null;
        }
        var chain = new Dictionary<string, Area>();
        string? code = villageCode;
        for (var i = 0; i < 5 && code is not null; i++)
        {
            var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
            if (area is null)
            {
                break;
            }
            chain[area.Code] = area;
            code = area.ParentCode;
        }
        return AreaPath.Of(villageCode, chain);
    }

    /// <summary>The district a scope belongs to (itself when it is a district); null above district level.</summary>
    public async Task<string?> DistrictOfAsync(AreaScope? scope, CancellationToken ct) =>
        await ProgrammeUnitAsync(scope, ct) is { Level: AreaLevel.District } district ? district.Code : null;

    /// <summary>
    /// The unit whose offices run the programme for this scope: the district it lies in (or is), or the scope's own unit
    /// above district level; null for an unknown area. Cached per node like the subtrees (the layout asks on every page).
    /// </summary>
    public async Task<Area?> ProgrammeUnitAsync(AreaScope? scope, CancellationToken ct)
    {
        if (scope is null)
        {
            return null;
        }
        return await cache.GetOrCreateAsync(("programme-unit", scope.Code), async e =>
        {
            e.AbsoluteExpirationRelativeToNow = CacheFor;
            e.AddExpirationToken(ChangeToken());
            var code = scope.Code;
            for (var i = 0; i < 3; i++)
            {
                var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
                if (area is null || area.Level <= AreaLevel.District)
                {
                    return area;
                }
                if (area.ParentCode is null)
                {
                    return null;
                }
                code = area.ParentCode;
            }
            return null;
        });
    }

    /// <summary>The names of these areas (cached per node like the subtrees; the misses read in one query).</summary>
    public async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var code in codes.Distinct())
        {
            if (cache.TryGetValue(("area-name", code), out string? name))
            {
                names[code] = name!;
            }
            else
            {
                missing.Add(code);
            }
        }
        if (missing.Count > 0)
        {
            foreach (var a in await db.Areas.AsNoTracking().Where(a => missing.Contains(a.Code)).Select(a => new { a.Code, a.Name }).ToListAsync(ct))
            {
                cache.Set(("area-name", a.Code), a.Name, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor }.AddExpirationToken(ChangeToken()));
                names[a.Code] = a.Name;
            }
        }
        return names;
    }
}
