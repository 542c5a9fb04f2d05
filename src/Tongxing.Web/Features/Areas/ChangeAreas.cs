using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Areas;

public sealed record NewVillageInput(string? TownCode, string? Code, string? Name);

public sealed record RenameAreaInput(string? Name);

/// <summary>A unit as the administration shows it.</summary>
public sealed record AreaView(string Code, string Name, AreaLevel Level, string LevelLabel, string? ParentCode, bool Retired)
{
    public static AreaView Of(Area a) => new(a.Code, a.Name, a.Level, Area.LevelLabel(a.Level), a.ParentCode, a.IsRetired);
}

/// <summary>
/// The administrator's changes by hand: a village added under a town, a unit renamed, retired (with everything below
/// it) or restored. Only units inside the administrator's area; each change audited and seen at once on this node.
/// </summary>
public sealed class ChangeAreas(TongxingDb db, CurrentUser me, AreaDirectory directory, TimeProvider clock)
{
    public async Task<Outcome<AreaView>> AddVillage(NewVillageInput input, CancellationToken ct)
    {
        if (!me.Can(Capability.ManageAreas) || me.Scope is not { } scope)
        {
            return Outcome<AreaView>.Forbidden(ImportAreas.NotAllowed);
        }
        await using var transaction = await db.BeginLockedAsync("areas", ct);
        var town = string.IsNullOrEmpty(input.TownCode) ? null : await db.Areas.FirstOrDefaultAsync(a => a.Code == input.TownCode, ct);
        var check = DivisionCodes.CheckNewVillage(input.Code, input.Name, town, scope.CodePrefix);
        if (!check.Succeeded)
        {
            return Outcome<AreaView>.Refused(check);
        }
        var code = input.Code!.Trim();
        if (await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct) is { } taken)
        {
            return Outcome<AreaView>.Invalid([new FieldError("Code", $"代码{code}已是{taken.Name}{(taken.IsRetired ? "（已撤销，可在其页面恢复）" : "")}的代码")]);
        }
        var village = new Area(code, DivisionCodes.NameOf(input.Name).Value!, AreaLevel.Village, town!.Code);
        db.Areas.Add(village);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.Changed();
        return Outcome<AreaView>.Success(AreaView.Of(village));
    }

    public Task<Outcome<AreaView>> Rename(string code, RenameAreaInput input, CancellationToken ct) => Change(code, (area, _, _) =>
    {
        var name = DivisionCodes.NameOf(input.Name);
        if (!name.Ok)
        {
            return Task.FromResult(Result.Refused(name.Error!, "Name"));
        }
        area.Rename(name.Value!);
        return Task.FromResult(Result.Ok);
    }, ct);

    /// <summary>Retires the unit and every unit below it still in use; their records keep them.</summary>
    public Task<Outcome<AreaView>> Retire(string code, CancellationToken ct) => Change(code, async (area, scope, at) =>
    {
        var check = DivisionCodes.CheckRetire(area, scope);
        if (!check.Succeeded)
        {
            return check;
        }
        var below = new AreaScope(area.Level, area.Code).CodePrefix;
        foreach (var unit in await db.Areas.Where(a => a.Code.StartsWith(below) && a.RetiredAt == null).ToListAsync(ct))
        {
            unit.Retire(at);
        }
        return Result.Ok;
    }, ct);

    public Task<Outcome<AreaView>> Restore(string code, CancellationToken ct) => Change(code, async (area, _, _) =>
    {
        var parent = area.ParentCode is null ? null : await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == area.ParentCode, ct);
        var check = DivisionCodes.CheckRestore(area, parent);
        if (check.Succeeded)
        {
            area.Restore();
        }
        return check;
    }, ct);

    /// <summary>Loads a unit of the administrator's area, applies the change and saves it under the tree's lock.</summary>
    private async Task<Outcome<AreaView>> Change(string code, Func<Area, AreaScope, DateTimeOffset, Task<Result>> change, CancellationToken ct)
    {
        if (!me.Can(Capability.ManageAreas) || me.Scope is not { } scope)
        {
            return Outcome<AreaView>.Forbidden(ImportAreas.NotAllowed);
        }
        await using var transaction = await db.BeginLockedAsync("areas", ct);
        var area = await db.Areas.FirstOrDefaultAsync(a => a.Code == code, ct);
        if (area is null || !DivisionCodes.Inside(area.Code, scope.CodePrefix))
        {
            return Outcome<AreaView>.NotFound();
        }
        var result = await change(area, scope, clock.GetUtcNow());
        if (!result.Succeeded)
        {
            return Outcome<AreaView>.Refused(result);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.Changed();
        return Outcome<AreaView>.Success(AreaView.Of(area));
    }
}
