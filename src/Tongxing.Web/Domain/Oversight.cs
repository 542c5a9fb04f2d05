namespace Tongxing.Web.Domain;

/// <summary>What a town federation reports to the district: one of the year's four quarters (季度反馈), or the year-end summary (总结).</summary>
public enum TownReportKind
{
    Quarter1 = 1,
    Quarter2 = 2,
    Quarter3 = 3,
    Quarter4 = 4,
    /// <summary>年度工作总结, due by the summary phase's deadline (23 November in 2020).</summary>
    YearEnd = 5,
}

/// <summary>
/// Where a town's report stands. Bottom-up, as DHIS2 approves data: the town prepares and submits; the district accepts,
/// which locks it, or sends it back with a reason, which opens it to the town again.
/// </summary>
public enum ReportState
{
    Draft = 1,
    Submitted = 2,
    Accepted = 3,
    Returned = 4,
}

/// <summary>
/// A town federation's quarterly report (季度反馈) or year-end summary (总结) for one programme: the figures, filled from
/// the records and frozen into <see cref="FiguresJson"/> when it is submitted, and the written part. Accepted is final
/// (ADR 0030). <see cref="Version"/> is the concurrency token: a submission racing a decision cannot both be saved.
/// </summary>
public sealed partial class TownReport : IAreaCoded
{
    public const int MaxTextLength = 5000;
    public const int MaxRulesLength = 2000;
    public const int MaxReasonLength = 200;

    private TownReport() { }

    /// <summary>A new draft of the town of <paramref name="town"/> (its village code is ignored).</summary>
    public TownReport(Guid id, int programmeId, AreaPath town, TownReportKind kind, DateTimeOffset at)
    {
        Id = id;
        ProgrammeId = programmeId;
        Kind = kind;
        RegionCode = town.RegionCode;
        CityCode = town.CityCode;
        DistrictCode = town.DistrictCode;
        TownCode = town.TownCode;
        State = ReportState.Draft;
        UpdatedAt = at;
    }

    public Guid Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public TownReportKind Kind { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    /// <summary>Always empty: a report belongs to a town.</summary>
    public string VillageCode { get; private set; } = "";
    /// <summary>The written part (文字材料): progress, problems, next steps; for the year-end summary, the narrative.</summary>
    public string Text { get; private set; } = "";
    /// <summary>Year-end only: the rules the town adopted from good practice (经验做法转化为制度), the documents attached as files.</summary>
    public string? Rules { get; private set; }
    /// <summary>The figures table as submitted (JSON); null while a draft, when the figures are read live.</summary>
    public string? FiguresJson { get; private set; }
    public ReportState State { get; private set; }
    public DateTimeOffset? FirstSubmittedAt { get; private set; }
    /// <summary>The latest submission: what timeliness is measured on (a report sent back and sent again late is late).</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public string? SubmittedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DecidedByName { get; private set; }
    /// <summary>Why the district sent it back (kept after a resubmission until the next decision).</summary>
    public string? ReturnReason { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsQuarterly => Kind != TownReportKind.YearEnd;

    /// <summary>Why the town may not change the report now, in words for the official; null when it may.</summary>
    public string? LockedReason => State switch
    {
        ReportState.Submitted => "报告已报送区残联，正在审核，镇残联暂不能修改；如需修改，由区残联退回",
        ReportState.Accepted => "报告已被区残联审核通过并锁定，不能再修改",
        _ => null,
    };

    /// <summary>Changes the written part of a draft or returned report.</summary>
    public Result Write(string text, string? rules, DateTimeOffset at)
    {
        if (LockedReason is { } locked)
        {
            return Result.Conflict(locked);
        }
        Text = text;
        Rules = Kind == TownReportKind.YearEnd ? rules : null;
        UpdatedAt = at;
        Version++;
        return Result.Ok;
    }

    /// <summary>Sends the report with its figures frozen; a returned report may be sent again.</summary>
    public Result Submit(string figuresJson, Actor who, DateTimeOffset at)
    {
        if (LockedReason is { } locked)
        {
            return Result.Conflict(locked);
        }
        if (string.IsNullOrWhiteSpace(Text))
        {
            return Result.Refused("请先填写报告的文字部分再报送", nameof(Text));
        }
        FiguresJson = figuresJson;
        State = ReportState.Submitted;
        FirstSubmittedAt ??= at;
        SubmittedAt = at;
        SubmittedBy = who.UserId;
        SubmittedByName = who.Name;
        UpdatedAt = at;
        Version++;
        return Result.Ok;
    }

    /// <summary>The district accepts a submitted report: it is locked for good.</summary>
    public Result Accept(Actor who, DateTimeOffset at) => Decide(ReportState.Accepted, null, who, at);

    /// <summary>The district sends a submitted report back with a reason; the frozen figures are dropped and read live again.</summary>
    public Result Return(string reason, Actor who, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Refused("请填写退回原因", nameof(ReturnReason));
        }
        var decided = Decide(ReportState.Returned, reason.Trim(), who, at);
        if (decided.Succeeded)
        {
            FiguresJson = null;
        }
        return decided;
    }

    private Result Decide(ReportState to, string? reason, Actor who, DateTimeOffset at)
    {
        if (State != ReportState.Submitted)
        {
            return Result.Conflict(State switch
            {
                ReportState.Accepted => "报告已审核通过，不能再次审核",
                ReportState.Returned => "报告已退回镇残联，待其修改后重新报送",
                _ => "报告尚未报送，不能审核",
            });
        }
        State = to;
        ReturnReason = reason;
        DecidedAt = at;
        DecidedBy = who.UserId;
        DecidedByName = who.Name;
        UpdatedAt = at;
        Version++;
        return Result.Ok;
    }
}

/// <summary>
/// A file attached to an oversight record: a town summary's rule documents, a meeting's signed minutes, a publicity
/// entry's photos, an inspection's evidence. Stored through <c>FileStore</c> like every upload; <see cref="OwnerId"/> is
/// the record's id.
/// </summary>
public sealed class OversightFile
{
    public const int MaxFileNameLength = 100;

    private OversightFile() { }

    public OversightFile(Guid ownerId, int seq, string storedName, string contentType, string fileName, Actor who, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        OwnerId = ownerId;
        Seq = seq;
        StoredName = storedName;
        ContentType = contentType;
        FileName = fileName;
        UploadedBy = who.UserId;
        UploadedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid OwnerId { get; private set; }
    public int Seq { get; private set; }
    public string StoredName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    /// <summary>The name the uploader gave it, cleaned (shown on the record, never used as a path).</summary>
    public string FileName { get; private set; } = "";
    public string UploadedBy { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
}

/// <summary>
/// 联席会议: the district's organisation department, finance and federation meeting on new situations and problems.
/// Belongs to the district (town and village codes empty). Its follow-up actions are <see cref="ActionItem"/>s.
/// </summary>
public sealed partial class Meeting : IAreaCoded
{
    public const int MaxShortLength = 200;
    public const int MaxTextLength = 3000;

    private Meeting() { }

    public Guid Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    public DateOnly On { get; private set; }
    public string? Place { get; private set; }
    /// <summary>The departments present (区委组织部、财政、区残联 …), as written in the minutes.</summary>
    public string Departments { get; private set; } = "";
    public string Attendees { get; private set; } = "";
    public string Topics { get; private set; } = "";
    public string Decisions { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }
}

/// <summary>Where a follow-up action comes from.</summary>
public enum ActionSource
{
    /// <summary>A joint meeting's decision (会议决定事项).</summary>
    Meeting = 1,
    /// <summary>An inspection's rectification item (整改事项).</summary>
    Inspection = 2,
}

public enum ActionState
{
    Open = 1,
    Done = 2,
}

/// <summary>
/// A follow-up action (督办事项) with an owner, a due date and a state: a meeting's decision to carry out or an
/// inspection's rectification. Open actions appear in their owner's 我的待办 until done. The area codes are the unit
/// the action concerns (the district for a meeting, the inspected town for a rectification).
/// </summary>
public sealed partial class ActionItem : IAreaCoded
{
    public const int MaxTextLength = 500;
    public const int MaxNoteLength = 500;
    /// <summary>How far ahead a due date may lie: a follow-up put off beyond this is not a follow-up.</summary>
    public const int MaxYearsAhead = 2;

    private ActionItem() { }

    public Guid Id { get; private set; }
    public ActionSource Source { get; private set; }
    /// <summary>The meeting's or inspection's id.</summary>
    public Guid SourceId { get; private set; }
    public int ProgrammeId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    public string Text { get; private set; } = "";
    /// <summary>The account that owns it (责任人).</summary>
    public string OwnerUserId { get; private set; } = "";
    public string OwnerName { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public ActionState State { get; private set; } = ActionState.Open;
    public DateTimeOffset? DoneAt { get; private set; }
    public string? DoneBy { get; private set; }
    /// <summary>What was done (办理情况), required to close it.</summary>
    public string? DoneNote { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public int Version { get; private set; }

    /// <summary>
    /// A new open action on <paramref name="unit"/> (a district or a town; village code ignored), owned by an account of
    /// that unit or above it — the caller checks the owner's area. Text and due date are checked here.
    /// </summary>
    public static (ActionItem? Action, Result Result) Create(ActionSource source, Guid sourceId, int programmeId, AreaPath unit, string text,
        string ownerUserId, string ownerName, DateOnly dueOn, DateOnly today, Actor who, DateTimeOffset at)
    {
        var errors = new List<FieldError>();
        text = text.Trim();
        if (text.Length == 0)
        {
            errors.Add(new(nameof(Text), "请填写督办事项内容"));
        }
        else if (text.Length > MaxTextLength)
        {
            errors.Add(new(nameof(Text), $"督办事项内容不能超过{MaxTextLength}个字"));
        }
        else if (PlainText.HasInvisible(text))
        {
            errors.Add(new(nameof(Text), "督办事项内容含有不可见的控制字符，请重新输入"));
        }
        if (string.IsNullOrEmpty(ownerUserId))
        {
            errors.Add(new(nameof(OwnerUserId), "请选择责任人"));
        }
        if (dueOn < today)
        {
            errors.Add(new(nameof(DueOn), "办结期限不能早于今天"));
        }
        else if (dueOn > today.AddYears(MaxYearsAhead))
        {
            errors.Add(new(nameof(DueOn), $"办结期限不能晚于{MaxYearsAhead}年以后"));
        }
        if (errors.Count > 0)
        {
            return (null, Result.Refused(errors));
        }
        return (new ActionItem
        {
            Id = Guid.NewGuid(),
            Source = source,
            SourceId = sourceId,
            ProgrammeId = programmeId,
            RegionCode = unit.RegionCode,
            CityCode = unit.CityCode,
            DistrictCode = unit.DistrictCode,
            TownCode = unit.TownCode,
            Text = text,
            OwnerUserId = ownerUserId,
            OwnerName = ownerName,
            DueOn = dueOn,
            CreatedAt = at,
            CreatedBy = who.UserId,
        }, Result.Ok);
    }

    /// <summary>Closes an open action with what was done. Only its owner may (the handler checks who asks).</summary>
    public Result Complete(string note, Actor who, DateTimeOffset at)
    {
        if (State == ActionState.Done)
        {
            return Result.Conflict("该督办事项已办结");
        }
        note = note.Trim();
        if (note.Length == 0)
        {
            return Result.Refused("请填写办理情况", nameof(DoneNote));
        }
        if (note.Length > MaxNoteLength || PlainText.HasInvisible(note))
        {
            return Result.Refused($"办理情况不能超过{MaxNoteLength}个字，且不能含有不可见的控制字符", nameof(DoneNote));
        }
        State = ActionState.Done;
        DoneNote = note;
        DoneAt = at;
        DoneBy = who.UserId;
        Version++;
        return Result.Ok;
    }

    /// <summary>Overdue on <paramref name="today"/>: open past its due date.</summary>
    public bool OverdueOn(DateOnly today) => State == ActionState.Open && DueOn < today;
}

/// <summary>What a publicity entry presents (宣传).</summary>
public enum PublicityKind
{
    /// <summary>先进集体 (a branch, a village, a town office).</summary>
    AdvancedCollective = 1,
    /// <summary>先进个人 (a helper, an official, a household that did well).</summary>
    AdvancedIndividual = 2,
    /// <summary>好的经验做法.</summary>
    GoodPractice = 3,
}

public enum PublicityState
{
    Draft = 1,
    /// <summary>Sent to the district federation for approval.</summary>
    Submitted = 2,
    /// <summary>Approved: may be shown outside the programme's offices.</summary>
    Approved = 3,
    Returned = 4,
    /// <summary>Taken down after approval; kept on the record.</summary>
    Withdrawn = 5,
}

/// <summary>
/// A publicity entry: text and photos about an advanced collective or individual or a good practice, linked where relevant
/// to a household, a helper or a village branch. Only an entry the district federation approved is shown outside; a
/// beneficiary household's personal data appear in it only with that household's recorded consent.
/// </summary>
public sealed partial class PublicityItem : IAreaCoded
{
    public const int MaxTitleLength = 60;
    public const int MaxTextLength = 3000;
    public const int MaxReasonLength = 200;

    private PublicityItem() { }

    public Guid Id { get; private set; }
    public int ProgrammeId { get; private set; }
    /// <summary>The unit that wrote it (a village, a town, the district).</summary>
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    public PublicityKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";
    public Guid? HouseholdId { get; private set; }
    public Guid? HelperId { get; private set; }
    /// <summary>The village whose Party branch the entry is about (a collective).</summary>
    public string? BranchVillageCode { get; private set; }
    /// <summary>The date the linked household agreed in writing to be named (the signed consent is an attached file).</summary>
    public DateOnly? ConsentOn { get; private set; }
    public PublicityState State { get; private set; } = PublicityState.Draft;
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? ReturnReason { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }
}

public enum InspectionState
{
    /// <summary>Being carried out: the checklist and the sample are filled in.</summary>
    Open = 1,
    /// <summary>A result is recorded; the inspection is locked (its rectification items go on).</summary>
    Concluded = 2,
}

public enum InspectionResult
{
    /// <summary>合格.</summary>
    Pass = 1,
    /// <summary>不合格.</summary>
    Fail = 2,
}

/// <summary>
/// 检查验收 of one town's year by the organisation department and the district federation: a checklist built from the
/// plan and pre-filled from the records (<see cref="InspectionCheck"/>), a reproducible random sample of the town's
/// households for a field check (<see cref="InspectionSample"/>, drawn from <see cref="SampleSeed"/>), a result with
/// findings, and rectification items (<see cref="ActionItem"/> with source Inspection).
/// </summary>
public sealed partial class Inspection : IAreaCoded
{
    public const int MaxInspectorsLength = 200;
    public const int MaxFindingsLength = 3000;

    private Inspection() { }

    public Guid Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    public DateOnly On { get; private set; }
    /// <summary>The inspectors' names and offices, as they sign the report.</summary>
    public string Inspectors { get; private set; } = "";
    public int SampleSize { get; private set; }
    /// <summary>The seed the sample was drawn from: the same seed over the same households gives the same sample.</summary>
    public int SampleSeed { get; private set; }
    public InspectionState State { get; private set; } = InspectionState.Open;
    public InspectionResult? Result { get; private set; }
    public string? Findings { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? ConcludedAt { get; private set; }
    public string? ConcludedBy { get; private set; }
    public string? ConcludedByName { get; private set; }
    public int Version { get; private set; }
}

/// <summary>One line of an inspection's checklist: what the records show (pre-filled) and the inspectors' verdict.</summary>
public sealed partial class InspectionCheck
{
    public const int MaxKeyLength = 40;
    public const int MaxValueLength = 200;
    public const int MaxNoteLength = 500;

    private InspectionCheck() { }

    public Guid InspectionId { get; private set; }
    /// <summary>The checklist item (e.g. <c>quota</c>, <c>villages</c>, <c>notices</c>); its label comes from the domain rule.</summary>
    public string Key { get; private set; } = "";
    public int Seq { get; private set; }
    /// <summary>What the records show, in words (e.g. 已备案70户，任务70户).</summary>
    public string RecordValue { get; private set; } = "";
    /// <summary>Whether the records meet the item.</summary>
    public bool RecordMet { get; private set; }
    /// <summary>The inspectors' verdict; null until they give it.</summary>
    public bool? Met { get; private set; }
    public string? Note { get; private set; }
}

/// <summary>A household drawn for the field check, and what the inspectors found there.</summary>
public sealed partial class InspectionSample
{
    public const int MaxFindingLength = 500;

    private InspectionSample() { }

    public Guid InspectionId { get; private set; }
    public Guid HouseholdId { get; private set; }
    /// <summary>Its place in the draw (1 = drawn first).</summary>
    public int Seq { get; private set; }
    /// <summary>Whether the household's record matched what was found; null until checked.</summary>
    public bool? Satisfactory { get; private set; }
    public string? Finding { get; private set; }
    public DateTimeOffset? CheckedAt { get; private set; }
    public string? CheckedBy { get; private set; }
}
