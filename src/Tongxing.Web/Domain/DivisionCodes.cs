
namespace Tongxing.Web.Domain;

/// <summary>One data row of a division-code file as written: its row number in the file, its code and its name.</summary>
public sealed record DivisionRow(int Row, string Code, string Name);

/// <summary>A row that passed its own checks: the unit it describes, its level and parent read from the code.</summary>
public sealed record DivisionUnit(int Row, string Code, string Name, AreaLevel Level, string? ParentCode);

public sealed record AreaRename(Area Area, string NewName);

/// <summary>A row left out on purpose, and why (a 市辖区 placeholder).</summary>
public sealed record SkippedRow(int Row, string Code, string Name, string Reason);

/// <summary>What importing a division-code file would change in the area tree.</summary>
public sealed record AreaPlan(
    IReadOnlyList<DivisionUnit> Added,
    IReadOnlyList<AreaRename> Renamed,
    IReadOnlyList<Area> Retired,
    IReadOnlyList<Area> Restored,
    IReadOnlyList<SkippedRow> Skipped,
    int Unchanged)
{
    public bool HasChanges => Added.Count + Renamed.Count + Retired.Count + Restored.Count > 0;
}

/// <summary>
/// The official statistical division codes (统计用区划代码): 12 digits, province 2, city 2, county 2, town 3, village 3.
/// The level is the last part that is not zero; the parent is the code with that part zeroed. Every level between the
/// province and the unit must be present in the code (a town directly under a city without counties, as in 东莞 or
/// 中山, cannot be placed: the programme is run by a district). The county-level placeholder 市辖区, which the
/// official tables list under a city with nothing below it, is skipped.
/// </summary>
public static class DivisionCodes
{
    public const int Length = 12;

    /// <summary>As long as the column holding it (<c>Areas.Name</c>).</summary>
    public const int MaxNameLength = 50;

    /// <summary>At most this many problems are listed for one file; the rest are counted.</summary>
    public const int MaxListedErrors = 100;

    /// <summary>The name of the county-level placeholder a city lists for its urban districts.</summary>
    public const string MunicipalPlaceholder = "市辖区";

    /// <summary>Where each level's digits end in the code.</summary>
    private static readonly (AreaLevel Level, int Start, int End)[] Parts =
    [
        (AreaLevel.Region, 0, 2), (AreaLevel.City, 2, 4), (AreaLevel.District, 4, 6), (AreaLevel.Town, 6, 9), (AreaLevel.Village, 9, 12),
    ];

    /// <summary>The level a code stands for, or why it is no division code.</summary>
    public static Parsed<AreaLevel> LevelOf(string? code)
    {
        if (code is null || code.Length != Length || !code.All(char.IsAsciiDigit))
        {
            return Parsed<AreaLevel>.Fail("代码应为12位数字");
        }
        var last = Parts.LastOrDefault(p => !IsZero(code, p.Start, p.End));
        if (last == default)
        {
            return Parsed<AreaLevel>.Fail("代码不能全为0");
        }
        foreach (var (level, start, end) in Parts.TakeWhile(p => p.Level < last.Level))
        {
            if (IsZero(code, start, end))
            {
                return Parsed<AreaLevel>.Fail($"代码缺少{Area.LevelLabel(level)}一级（第{start + 1}至{end}位为0），无法确定上级");
            }
        }
        return Parsed<AreaLevel>.Success(last.Level);
    }

    /// <summary>The code of the unit directly above: the code with the level's own digits zeroed (null for a province).</summary>
    public static string? ParentOf(string code, AreaLevel level) => level switch
    {
        AreaLevel.Region => null,
        _ => code[..Parts[(int)level - 2].End].PadRight(Length, '0'),
    };

    /// <summary>A unit's name: trimmed, not empty, not too long, no invisible control or formatting characters.</summary>
    public static Parsed<string> NameOf(string? raw)
    {
        var name = raw?.Trim() ?? "";
        if (name.Length == 0)
        {
            return Parsed<string>.Fail("名称不能为空");
        }
        if (name.Length > MaxNameLength)
        {
            return Parsed<string>.Fail($"名称不能超过{MaxNameLength}个字");
        }
        if (PlainText.HasInvisible(name))
        {
            return Parsed<string>.Fail("名称含有不可见的控制字符或无法识别的字符（如乱码），请检查文件编码或重新输入");
        }
        return Parsed<string>.Success(name);
    }

    /// <summary>Whether a code lies inside an area (<see cref="AreaScope.CodePrefix"/>; empty for the whole tree).</summary>
    public static bool Inside(string code, string scopePrefix) => code.StartsWith(scopePrefix, StringComparison.Ordinal);

    /// <summary>
    /// Checks a whole file against the tree and says what importing it would change: every row's code, name and place
    /// inside the importer's area, no code twice, every unit's parent in the tree or in the file. A file speaks for the
    /// units it lists: below each of them, a unit of the tree that the file does not list is retired (so a file listing
    /// a town with its villages retires that town's villages it leaves out, and touches no other town). A retired unit
    /// that the file lists again is restored.
    /// </summary>
    /// <param name="existing">The tree's units inside the area and the units above it.</param>
    /// <param name="scopePrefix">The importer's <see cref="AreaScope.CodePrefix"/>; empty when the system imports.</param>
    public static (AreaPlan? Plan, IReadOnlyList<FieldError> Errors) Plan(IReadOnlyList<DivisionRow> rows, IReadOnlyDictionary<string, Area> existing, string scopePrefix)
    {
        var errors = new List<FieldError>();
        var units = new Dictionary<string, DivisionUnit>(StringComparer.Ordinal);
        var skipped = new List<SkippedRow>();
        void Error(int row, string column, string message) => errors.Add(new FieldError("File", $"第{row}行（{column}）：{message}"));

        foreach (var row in rows)
        {
            var code = row.Code.Trim();
            var level = LevelOf(code);
            var name = NameOf(row.Name);
            if (!level.Ok)
            {
                Error(row.Row, "代码", level.Error + (code.Length == 0 ? "" : $"，现为“{Shown(code)}”"));
            }
            if (!name.Ok)
            {
                Error(row.Row, "名称", name.Error!);
            }
            if (!level.Ok || !name.Ok)
            {
                continue;
            }
            if (!Inside(code, scopePrefix))
            {
                Error(row.Row, "代码", $"{code}不在您管理的区域内，只能导入本区域及以下的区划");
                continue;
            }
            if (units.TryGetValue(code, out var first))
            {
                Error(row.Row, "代码", $"{code}与第{first.Row}行重复");
                continue;
            }
            if (level.Value == AreaLevel.District && name.Value == MunicipalPlaceholder && !existing.ContainsKey(code))
            {
                skipped.Add(new SkippedRow(row.Row, code, name.Value!, "市辖区是统计用的占位行，其下没有乡镇，不导入"));
                continue;
            }
            units[code] = new DivisionUnit(row.Row, code, name.Value!, level.Value, ParentOf(code, level.Value));
        }

        // Below each listed unit, what the file leaves out is retired.
        var retired = existing.Values
            .Where(a => !a.IsRetired && !units.ContainsKey(a.Code) && Inside(a.Code, scopePrefix) && HasListedAncestor(a, units, existing))
            .OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
        var retiring = retired.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);

        foreach (var unit in units.Values.Where(u => u.ParentCode is not null && !units.ContainsKey(u.ParentCode)))
        {
            var parent = existing.GetValueOrDefault(unit.ParentCode!);
            if (parent is null)
            {
                Error(unit.Row, "代码", $"上级区划（{unit.ParentCode}）不存在：请在文件中一并列出上级，或先导入上级");
            }
            else if (parent.IsRetired)
            {
                Error(unit.Row, "代码", $"上级区划{parent.Name}（{parent.Code}）已撤销：请在文件中一并列出它以恢复，或先恢复它");
            }
            else if (retiring.Contains(parent.Code))
            {
                Error(unit.Row, "代码", $"上级区划{parent.Name}（{parent.Code}）不在文件中，导入后将被撤销：请在文件中一并列出它");
            }
        }
        if (errors.Count > 0)
        {
            return (null, Bounded(errors));
        }

        var added = new List<DivisionUnit>();
        var renamed = new List<AreaRename>();
        var restored = new List<Area>();
        var unchanged = 0;
        foreach (var unit in units.Values.OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            if (!existing.TryGetValue(unit.Code, out var area))
            {
                added.Add(unit);
                continue;
            }
            var same = true;
            if (area.Name != unit.Name)
            {
                renamed.Add(new AreaRename(area, unit.Name));
                same = false;
            }
            if (area.IsRetired)
            {
                restored.Add(area);
                same = false;
            }
            unchanged += same ? 1 : 0;
        }
        return (new AreaPlan(added, renamed, retired, restored, skipped, unchanged), []);
    }

    /// <summary>A village added by hand under a town: its code must be a village's and lie under that town.</summary>
    public static Result CheckNewVillage(string? code, string? name, Area? town, string scopePrefix)
    {
        var errors = new List<FieldError>();
        if (town is null || town.Level != AreaLevel.Town || !Inside(town.Code, scopePrefix))
        {
            return Result.Refused("请选择您管理区域内的乡镇", "TownCode");
        }
        if (town.IsRetired)
        {
            return Result.Refused($"{town.Name}已撤销，不能在其下新增村（社区）", "TownCode");
        }
        code = code?.Trim();
        var level = LevelOf(code);
        if (!level.Ok)
        {
            errors.Add(new FieldError("Code", level.Error!));
        }
        else if (level.Value != AreaLevel.Village || ParentOf(code!, level.Value) != town.Code)
        {
            errors.Add(new FieldError("Code", $"村（社区）代码应以{town.Name}的前9位{town.Code[..9]}开头，末3位不能为000"));
        }
        var parsed = NameOf(name);
        if (!parsed.Ok)
        {
            errors.Add(new FieldError("Name", parsed.Error!));
        }
        return errors.Count == 0 ? Result.Ok : Result.Refused(errors);
    }

    /// <summary>A unit may be retired by an administrator above it, never the administrator's own unit.</summary>
    public static Result CheckRetire(Area area, AreaScope scope)
    {
        if (area.Code == scope.Code)
        {
            return Result.NotAllowed("不能撤销您本人所在的区域");
        }
        return area.IsRetired ? Result.Conflict($"{area.Name}已经撤销") : Result.Ok;
    }

    /// <summary>A retired unit comes back only under a parent that is itself in use.</summary>
    public static Result CheckRestore(Area area, Area? parent)
    {
        if (!area.IsRetired)
        {
            return Result.Conflict($"{area.Name}未撤销，无需恢复");
        }
        return parent is { IsRetired: true }
            ? Result.Refused($"上级区划{parent.Name}已撤销，请先恢复上级")
            : Result.Ok;
    }

    private static bool HasListedAncestor(Area area, Dictionary<string, DivisionUnit> units, IReadOnlyDictionary<string, Area> existing)
    {
        var code = area.ParentCode;
        for (var i = 0; i < 5 && code is not null; i++)
        {
            if (units.ContainsKey(code))
            {
                return true;
            }
            code = existing.GetValueOrDefault(code)?.ParentCode;
        }
        return false;
    }

    private static List<FieldError> Bounded(List<FieldError> errors) =>
        errors.Count <= MaxListedErrors
            ? errors
            : [.. errors.Take(MaxListedErrors), new FieldError("File", $"另有{errors.Count - MaxListedErrors}处错误未列出，请先改正以上错误")];

    /// <summary>What the user typed, cut short and without control characters, to quote it back.</summary>
    private static string Shown(string text) => TextCut.Shorten(new string(text.Where(c => !char.IsControl(c)).ToArray()), 20);

    private static bool IsZero(string code, int start, int end) => code.AsSpan(start, end - start).IndexOfAnyExcept('0') < 0;
}
