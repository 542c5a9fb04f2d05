using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Areas;

/// <summary>A unit with what it holds: units directly below, households (counts only) and user accounts in it and below.</summary>
public sealed record AreaNode(AreaView Area, int Units, int Households, int Users);

/// <summary>
/// One level of the administrator's tree: the unit looked at (<paramref name="Current"/>, null when no area is imported
/// yet), the way down to it from the administrator's own unit, and its units directly below.
/// </summary>
public sealed record AreaTreeView(AreaNode? Current, IReadOnlyList<AreaView> Path, IReadOnlyList<AreaNode> Children);

/// <summary>Reads the administrator's area one level at a time, with counts; never a household's details.</summary>
public sealed class ListAreas(TongxingDb db, CurrentUser me)
{
    public async Task<Outcome<AreaTreeView>> Handle(string? under, CancellationToken ct)
    {
        if (!me.Can(Capability.ManageAreas) || me.Scope is not { } scope)
        {
            return Outcome<AreaTreeView>.Forbidden(ImportAreas.NotAllowed);
        }
        var code = string.IsNullOrEmpty(under) ? scope.Code : under;
        if (!DivisionCodes.Inside(code, scope.CodePrefix))
        {
            return Outcome<AreaTreeView>.NotFound();
        }
        var current = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (current is null)
        {
            return code == scope.Code ? Outcome<AreaTreeView>.Success(new AreaTreeView(null, [], [])) : Outcome<AreaTreeView>.NotFound();
        }
        var path = new List<AreaView>();
        for (var a = current; a is not null && DivisionCodes.Inside(a.Code, scope.CodePrefix);
             a = a.ParentCode is null ? null : await db.Areas.AsNoTracking().FirstOrDefaultAsync(p => p.Code == a.ParentCode, ct))
        {
            path.Insert(0, AreaView.Of(a));
        }
        var children = await db.Areas.AsNoTracking().Where(a => a.ParentCode == code).OrderBy(a => a.Code).ToListAsync(ct);
        var codes = children.Select(c => c.Code).Append(code).ToList();
        var units = await db.Areas.Where(a => a.ParentCode != null && codes.Contains(a.ParentCode)).GroupBy(a => a.ParentCode!)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        // Households counted by the column of the level just below the one looked at (one indexed query).
        var within = new AreaScope(current.Level, current.Code);
        var households = current.Level switch
        {
            AreaLevel.Region => await Count(db.Households.Within(within).GroupBy(h => h.CityCode), ct),
            AreaLevel.City => await Count(db.Households.Within(within).GroupBy(h => h.DistrictCode), ct),
            AreaLevel.District => await Count(db.Households.Within(within).GroupBy(h => h.TownCode), ct),
            AreaLevel.Town => await Count(db.Households.Within(within).GroupBy(h => h.VillageCode), ct),
            _ => new Dictionary<string, int> { [code] = await db.Households.Within(within).CountAsync(ct) },
        };
        var prefix = within.CodePrefix;
        var userAreas = await db.Users.AsNoTracking().Where(u => u.AreaCode.StartsWith(prefix)).GroupBy(u => u.AreaCode)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int UsersIn(Area a) => userAreas.Where(u => DivisionCodes.Inside(u.Key, new AreaScope(a.Level, a.Code).CodePrefix)).Sum(u => u.Count);

        var childNodes = children.Select(c => new AreaNode(AreaView.Of(c), units.GetValueOrDefault(c.Code), households.GetValueOrDefault(c.Code), UsersIn(c))).ToList();
        var currentNode = new AreaNode(AreaView.Of(current), units.GetValueOrDefault(code),
            current.Level == AreaLevel.Village ? households.GetValueOrDefault(code) : households.Values.Sum(), UsersIn(current));
        return Outcome<AreaTreeView>.Success(new AreaTreeView(currentNode, path, childNodes));
    }

    private static Task<Dictionary<string, int>> Count(IQueryable<IGrouping<string, Household>> groups, CancellationToken ct) =>
        groups.Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
}
