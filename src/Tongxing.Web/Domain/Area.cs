namespace Tongxing.Web.Domain;

public enum AreaLevel
{
    Region = 1,
    City = 2,
    District = 3,
    Town = 4,
    Village = 5,
}

/// <summary>One unit of the area hierarchy (region → city → district → town → village), identified by its 12-digit division code.</summary>
public sealed class Area
{
    public Area(string code, string name, AreaLevel level, string? parentCode)
    {
        Code = code;
        Name = name;
        Level = level;
        ParentCode = parentCode;
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public AreaLevel Level { get; private set; }
    public string? ParentCode { get; private set; }

    /// <summary>
    /// When the unit was retired (merged away, renamed into another code): it is no longer offered for new records, but
    /// the records it holds keep it and its name. Never deleted.
    /// </summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    public void Rename(string name) => Name = name;

    public void Retire(DateTimeOffset at) => RetiredAt ??= at;

    public void Restore() => RetiredAt = null;

    /// <summary>
    /// The offices that run the programme for people of this unit, as the pages' footer names them: a district's Party
    /// organisation department and disabled persons' federation (区委组织部、区残联) for a district and everything in it;
    /// above district level the federation that oversees the work.
    /// </summary>
    public static string ProgrammeOffices(Area unit) => unit.Level >= AreaLevel.District
        ? $"{unit.Name}委组织部 · {unit.Name}残疾人联合会"
        : $"{unit.Name}残疾人联合会";

    /// <summary>A village as a notice names it and its Party branch: 洛满村委会 → 洛满村, 城中社区居委会 → 城中社区.</summary>
    public static string NoticeName(string villageName) =>
        villageName.Replace("居委会", "", StringComparison.Ordinal).Replace("村委会", "村", StringComparison.Ordinal);

    public static string LevelLabel(AreaLevel level) => level switch
    {
        AreaLevel.Region => "自治区",
        AreaLevel.City => "市",
        AreaLevel.District => "县（区）",
        AreaLevel.Town => "乡镇",
        AreaLevel.Village => "村（社区）",
        _ => level.ToString(),
    };
}

/// <summary>
/// Where a household sits: the code of its village and of every unit above it, copied onto the record
/// so that lists filter by one indexed column whatever the viewer's level.
/// </summary>
public sealed record AreaPath(string RegionCode, string CityCode, string DistrictCode, string TownCode, string VillageCode)
{
    public string CodeAt(AreaLevel level) => level switch
    {
        AreaLevel.Region => RegionCode,
        AreaLevel.City => CityCode,
        AreaLevel.District => DistrictCode,
        AreaLevel.Town => TownCode,
        AreaLevel.Village => VillageCode,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>Builds the path of a village by walking up its parents; null when the chain is not region → city → district → town → village.</summary>
    public static AreaPath? Of(string villageCode, IReadOnlyDictionary<string, Area> areas)
    {
        var codes = new Dictionary<AreaLevel, string>();
        var current = areas.GetValueOrDefault(villageCode);
        if (current is null || current.Level != AreaLevel.Village)
        {
            return null;
        }
        while (current is not null)
        {
            codes[current.Level] = current.Code;
            current = current.ParentCode is null ? null : areas.GetValueOrDefault(current.ParentCode);
        }
        return codes.Count == 5
            ? new AreaPath(codes[AreaLevel.Region], codes[AreaLevel.City], codes[AreaLevel.District], codes[AreaLevel.Town], codes[AreaLevel.Village])
            : null;
    }
}

/// <summary>The part of the hierarchy a user may see and change: their own unit and everything below it.</summary>
public sealed record AreaScope(AreaLevel Level, string Code)
{
    public bool Covers(AreaPath path) => path.CodeAt(Level) == Code;

    /// <summary>The leading digits every statistical division code inside the scope shares (province 2, city 4, county 6, town 9, village 12).</summary>
    public string CodePrefix => Code[..PrefixLength(Level, Code.Length)];

    private static int PrefixLength(AreaLevel level, int whole) => level switch
    {
        AreaLevel.Region => 2,
        AreaLevel.City => 4,
        AreaLevel.District => 6,
        AreaLevel.Town => 9,
        _ => whole,
    };
}
