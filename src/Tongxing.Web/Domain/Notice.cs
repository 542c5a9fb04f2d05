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
        string userId, string userName, DateTimeOffset at, DateOnly enteredOn)
    {
        EnteredOn = enteredOn;
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

    /// <summary>
    /// A village's notice of the programme's households, titled and signed by its Party branch as the form has it, with an
    /// unguessable public link. <paramref name="village"/> is the village as the notice names it (<see cref="Area.NoticeName"/>).
    /// </summary>
    public static Notice ForVillage(Programme programme, AreaPath area, string village, DateOnly start, DateOnly end, string userId, string userName,
        DateTimeOffset at, DateOnly enteredOn) =>
        new(Guid.NewGuid(), programme.Id, area, $"关于{programme.Name}帮扶对象的公示", $"中共{village}支部委员会", start, end,
            Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), userId, userName, at, enteredOn);

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
    /// <summary>The (China) day the notice was entered; later than its posting date for a notice entered afterwards (补录).</summary>
    public DateOnly EnteredOn { get; private set; }

    /// <summary>Entered after it was posted (补录): allowed, and shown as such wherever the notice is.</summary>
    public bool IsLateEntry => StartDate < EnteredOn;

    public IReadOnlyList<NoticeEntry> Entries => _entries;
    public IReadOnlyList<NoticePhoto> Photos => _photos;
    public IReadOnlyList<Objection> Objections => _objections;

    public AreaPath Area(string regionCode, string cityCode) => new(regionCode, cityCode, DistrictCode, TownCode, VillageCode);

    public bool IsRunning(DateOnly today) => today >= StartDate && today <= EndDate;

    /// <summary>
    /// The posting date a village may give a new notice: never before the district accepted any household on it (the
    /// notice cannot have run before there was a list to post), at most <paramref name="maxDaysLate"/> days back (a paper
    /// notice entered afterwards, 补录) and <paramref name="maxDaysAhead"/> days ahead.
    /// </summary>
    public static Result CheckPostingDate(DateOnly start, DateOnly today, IEnumerable<(string HeadName, DateOnly AcceptedOn)> accepted, int maxDaysLate, int maxDaysAhead)
    {
        var latest = accepted.OrderByDescending(a => a.AcceptedOn).ThenBy(a => a.HeadName, StringComparer.Ordinal).FirstOrDefault();
        if (latest.HeadName is not null && start < latest.AcceptedOn)
        {
            return Result.Refused($"张贴日期不能早于区残联审核通过的日期：{latest.HeadName}户于{latest.AcceptedOn:yyyy年M月d日}审核通过", "StartDate");
        }
        if (start > today.AddDays(maxDaysAhead))
        {
            return Result.Refused($"张贴日期不能晚于今天之后{maxDaysAhead}天", "StartDate");
        }
        if (start < today.AddDays(-maxDaysLate))
        {
            return Result.Refused($"补录已张贴的公示，张贴日期最早为{maxDaysLate}天前（{today.AddDays(-maxDaysLate):yyyy年M月d日}）", "StartDate");
        }
        return Result.Ok;
    }

    /// <summary>A notice's result is confirmed only with proof that it was posted: at least one photo of it on the wall.</summary>
    public Result CheckCanPass()
    {
        if (_photos.Count == 0)
        {
            return Result.Refused("请先上传公示张贴现场照片，再确认公示结果", "Photo");
        }
        return Result.Ok;
    }

    /// <summary>An objection date, or its resolution's: never in the future; an objection is received inside the notice period.</summary>
    public static Result CheckNotFuture(DateOnly date, DateOnly today, string field, string what) =>
        date > today ? Result.Refused($"{what}不能晚于今天（{today:yyyy年M月d日}）", field) : Result.Ok;

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
    public Result RaiseObjection(Guid? householdId, DateOnly receivedOn, DateOnly today, string? content, string? raisedBy, string userId, string userName, DateTimeOffset at)
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
        var notFuture = CheckNotFuture(receivedOn, today, "ReceivedOn", "收到日期");
        if (!notFuture.Succeeded)
        {
            return notFuture;
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
    /// <summary>Why the objection was withdrawn as entered by mistake (误登记); null while it stands.</summary>
    public string? WithdrawnReason { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawnByName { get; private set; }
    /// <summary>Optimistic concurrency token: two offices resolving one objection at once cannot both win.</summary>
    public int Version { get; private set; }

    public bool IsWithdrawn => WithdrawnReason is not null;
    public bool IsOpen => Resolution is null && WithdrawnReason is null;

    public Result Resolve(string? resolution, bool upheld, DateOnly on, DateOnly today, string userName)
    {
        if (!IsOpen)
        {
            return Result.Refused(IsWithdrawn ? "该异议已作为误登记撤销" : "该异议已处理");
        }
        resolution = PlainText.Clean(resolution);
        if (string.IsNullOrEmpty(resolution) || resolution.Length > 1000)
        {
            return Result.Refused("请填写核实处理情况（不超过1000字）", "Resolution");
        }
        if (on < ReceivedOn)
        {
            return Result.Refused($"处理日期不能早于收到异议的日期（{ReceivedOn:yyyy年M月d日}）", "ResolvedOn");
        }
        var notFuture = Notice.CheckNotFuture(on, today, "ResolvedOn", "处理日期");
        if (!notFuture.Succeeded)
        {
            return notFuture;
        }
        Resolution = resolution;
        Upheld = upheld;
        ResolvedOn = on;
        ResolvedByName = userName;
        Version++;
        return Result.Ok;
    }

    /// <summary>Withdraws an objection entered by mistake (误登记), with the reason; it no longer holds the household back.</summary>
    public Result Withdraw(string? reason, string userName, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return Result.Refused(IsWithdrawn ? "该异议已撤销" : "该异议已处理完毕，不能撤销");
        }
        reason = PlainText.Clean(reason);
        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
        {
            return Result.Refused("请填写撤销原因（不超过500字）", "Reason");
        }
        WithdrawnReason = reason;
        WithdrawnAt = at;
        WithdrawnByName = userName;
        Version++;
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
