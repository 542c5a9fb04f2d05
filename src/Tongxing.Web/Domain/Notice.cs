namespace Tongxing.Web.Domain;

/// <summary>
/// A village's public notice (公示) of the households the district accepted: posted on a date, ending on the
/// programme's Nth working day (ADR 0007), showing names and ID numbers masked and nothing else personal.
/// </summary>
public sealed class Notice
{
    private readonly List<NoticeEntry> _entries = [];
    private readonly List<NoticePhoto> _photos = [];
    private readonly List<Objection> _objections = [];

    private Notice() { }

    public Notice(Guid id, int programmeId, AreaPath area, string title, string issuedBy, DateOnly start, DateOnly end, string publicToken,
        string userId, string userName, DateTimeOffset at)
    {
        Id = id;
        ProgrammeId = programmeId;
        DistrictCode = area.DistrictCode;
        TownCode = area.TownCode;
        VillageCode = area.VillageCode;
        Title = title;
        IssuedBy = issuedBy;
        StartDate = start;
        EndDate = end;
        PublicToken = publicToken;
        CreatedBy = userId;
        CreatedByName = userName;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    public string Title { get; private set; } = "";
    /// <summary>The issuing Party branch, as printed under the notice.</summary>
    public string IssuedBy { get; private set; } = "";
    public DateOnly StartDate { get; private set; }
    /// <summary>The last day of the notice period.</summary>
    public DateOnly EndDate { get; private set; }
    /// <summary>The unguessable part of the public link.</summary>
    public string PublicToken { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<NoticeEntry> Entries => _entries;
    public IReadOnlyList<NoticePhoto> Photos => _photos;
    public IReadOnlyList<Objection> Objections => _objections;

    public AreaPath Area(string regionCode, string cityCode) => new(regionCode, cityCode, DistrictCode, TownCode, VillageCode);

    public bool IsRunning(DateOnly today) => today >= StartDate && today <= EndDate;

    public void Add(Household h, Programme p)
    {
        var head = h.Members.Single(m => m.Relation == Relation.Head);
        _entries.Add(new NoticeEntry(Guid.NewGuid(), Id, h.Id, _entries.Count + 1, NoticeMasks.Name(head.Name),
            ResidentId.Mask(head.IdNumber, p.NoticeIdKeepStart, p.NoticeIdKeepEnd), h.Group, $"{Labels.Of(h.ProjectType)}：{h.ProjectDescription}"));
    }

    public Result AddPhoto(NoticePhoto photo)
    {
        if (_photos.Count >= MaxPhotos)
        {
            return Result.Refused($"每个公示最多上传{MaxPhotos}张照片");
        }
        _photos.Add(photo);
        return Result.Ok;
    }

    public const int MaxPhotos = 20;

    /// <summary>Records an objection received during the notice period.</summary>
    public Result RaiseObjection(Guid? householdId, DateOnly receivedOn, string? content, string? raisedBy, string userId, string userName, DateTimeOffset at)
    {
        content = PlainText.Clean(content);
        raisedBy = PlainText.Clean(raisedBy);
        if (raisedBy is { Length: > 100 })
        {
            return Result.Refused("反映人不超过100字", "RaisedBy");
        }
        if (string.IsNullOrEmpty(content) || content.Length > 1000)
        {
            return Result.Refused("请填写异议内容（不超过1000字）", "Content");
        }
        if (receivedOn < StartDate || receivedOn > EndDate)
        {
            return Result.Refused($"异议应在公示期（{StartDate:M月d日}至{EndDate:M月d日}）内提出", "ReceivedOn");
        }
        if (householdId is { } id && _entries.All(e => e.HouseholdId != id))
        {
            return Result.Refused("该户不在本公示名单中", "HouseholdId");
        }
        _objections.Add(new Objection(Guid.NewGuid(), Id, householdId, receivedOn, content, string.IsNullOrEmpty(raisedBy) ? null : raisedBy, userId, userName, at));
        return Result.Ok;
    }
}

/// <summary>One line of a notice, masked when it was posted.</summary>
public sealed record NoticeEntry(Guid Id, Guid NoticeId, Guid HouseholdId, int Number, string MaskedName, string MaskedIdNumber, string? Group, string Project);

/// <summary>A photo of the posted notice: stored outside the web root under a generated name, metadata removed.</summary>
public sealed record NoticePhoto(Guid Id, Guid NoticeId, string StoredName, string ContentType, long Size, string OriginalName, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>An objection (异议) raised during a notice, and how it was resolved.</summary>
public sealed class Objection
{
    private Objection() { }

    public Objection(Guid id, Guid noticeId, Guid? householdId, DateOnly receivedOn, string content, string? raisedBy, string userId, string userName, DateTimeOffset at)
    {
        Id = id;
        NoticeId = noticeId;
        HouseholdId = householdId;
        ReceivedOn = receivedOn;
        Content = content;
        RaisedBy = raisedBy;
        RecordedBy = userId;
        RecordedByName = userName;
        RecordedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid NoticeId { get; private set; }
    /// <summary>The household objected to; null for an objection about the notice as a whole.</summary>
    public Guid? HouseholdId { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public string Content { get; private set; } = "";
    public string? RaisedBy { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public string? Resolution { get; private set; }
    /// <summary>True when the objection was found to be well-founded.</summary>
    public bool? Upheld { get; private set; }
    public DateOnly? ResolvedOn { get; private set; }
    public string? ResolvedByName { get; private set; }

    public bool IsOpen => Resolution is null;

    public Result Resolve(string? resolution, bool upheld, DateOnly on, string userName)
    {
        if (!IsOpen)
        {
            return Result.Refused("该异议已处理");
        }
        resolution = PlainText.Clean(resolution);
        if (string.IsNullOrEmpty(resolution) || resolution.Length > 1000)
        {
            return Result.Refused("请填写核实处理情况（不超过1000字）", "Resolution");
        }
        if (on < ReceivedOn)
        {
            return Result.Refused("处理日期不能早于收到异议的日期", "ResolvedOn");
        }
        Resolution = resolution;
        Upheld = upheld;
        ResolvedOn = on;
        ResolvedByName = userName;
        return Result.Ok;
    }
}

/// <summary>
/// How names are shown on public notices: first and last character kept (张*三), or 张* for two characters. Characters
/// are what a reader sees (text elements): a character outside the basic plane (𠮷, an emoji) or one with a combining
/// mark is kept or masked whole, never cut in half.
/// </summary>
public static class NoticeMasks
{
    public static string Name(string name)
    {
        var chars = System.Globalization.StringInfo.GetTextElementEnumerator(name);
        var elements = new List<string>();
        while (chars.MoveNext())
        {
            elements.Add(chars.GetTextElement());
        }
        return elements.Count switch
        {
            <= 1 => name,
            2 => elements[0] + "*",
            _ => elements[0] + new string('*', elements.Count - 2) + elements[^1],
        };
    }
}
