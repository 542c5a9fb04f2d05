namespace Tongxing.Web.Domain;

/// <summary>A record that carries the five area codes of its household or village, so that one query scopes it (ADR 0003).</summary>
public interface IAreaCoded
{
    string RegionCode { get; }
    string CityCode { get; }
    string DistrictCode { get; }
    string TownCode { get; }
    string VillageCode { get; }
}

/// <summary>The four kinds of Party member the plan names as helpers (SPEC §4 phase 4).</summary>
public enum HelperKind
{
    /// <summary>致富带头人.</summary>
    WealthLeader = 1,
    /// <summary>技术能手.</summary>
    Technician = 2,
    /// <summary>科技特派员.</summary>
    ScienceEnvoy = 3,
    /// <summary>行业协会成员.</summary>
    TradeAssociation = 4,
}

/// <summary>What a support log (帮扶日志) records: the four ways of "帮、包、带、扶" and the rest.</summary>
public enum SupportKind
{
    Project = 1,
    Skills = 2,
    Information = 3,
    Funds = 4,
    /// <summary>慰问.</summary>
    Care = 5,
    Other = 9,
}

/// <summary>Where a household's funded project stands (帮扶成效).</summary>
public enum ProjectProgress
{
    NotStarted = 1,
    UnderWay = 2,
    ProducingIncome = 3,
    Stable = 4,
    /// <summary>Failed; the reason is recorded with it.</summary>
    Failed = 9,
}

/// <summary>Who made a visit: a return visit (回访) by an office, or a helper's own visit (走访) to their household.</summary>
public enum VisitKind
{
    /// <summary>定期回访 by the town federation or a Party organisation: counts for the visit schedule, rates the helper.</summary>
    ReturnVisit = 1,
    /// <summary>A helper's visit to the household they help: on the record, not a return visit.</summary>
    HelperVisit = 2,
}

/// <summary>How a return visit found the helper's work.</summary>
public enum HelperRating
{
    Good = 1,
    Fair = 2,
    Average = 3,
    Poor = 4,
}

public static class PairingLabels
{
    public static string Of(HelperKind k) => k switch
    {
        HelperKind.WealthLeader => "致富带头人",
        HelperKind.Technician => "技术能手",
        HelperKind.ScienceEnvoy => "科技特派员",
        HelperKind.TradeAssociation => "行业协会成员",
        _ => k.ToString(),
    };

    public static string Of(SupportKind k) => k switch
    {
        SupportKind.Project => "项目",
        SupportKind.Skills => "技术",
        SupportKind.Information => "信息",
        SupportKind.Funds => "资金",
        SupportKind.Care => "慰问",
        SupportKind.Other => "其他",
        _ => k.ToString(),
    };

    public static string Of(ProjectProgress p) => p switch
    {
        ProjectProgress.NotStarted => "未启动",
        ProjectProgress.UnderWay => "实施中",
        ProjectProgress.ProducingIncome => "已见效益",
        ProjectProgress.Stable => "稳定增收",
        ProjectProgress.Failed => "项目失败",
        _ => p.ToString(),
    };

    public static string Of(VisitKind k) => k switch
    {
        VisitKind.ReturnVisit => "定期回访",
        VisitKind.HelperVisit => "帮扶人走访",
        _ => k.ToString(),
    };

    public static string Of(HelperRating r) => r switch
    {
        HelperRating.Good => "好",
        HelperRating.Fair => "较好",
        HelperRating.Average => "一般",
        HelperRating.Poor => "差",
        _ => r.ToString(),
    };
}

/// <summary>What the village enters for a helper (帮扶人登记), once checked.</summary>
public sealed record HelperDetails(string Name, Gender Gender, string Phone, string PartyBranch, string? WorkUnit, string? Post, HelperKind Kind, string? Skills);

/// <summary>
/// A Party member who helps households (党员帮扶人), registered by the village branch (or the town committee) of the
/// village they belong to. A helper signs in: <see cref="UserId"/> is their account (office <see cref="Role.Helper"/>,
/// area their village). <see cref="ActiveHouseholds"/> counts their live pairings and <see cref="Version"/> is bumped
/// with it, so two pairings racing for a helper's last place cannot both be saved (ADR 0027).
/// </summary>
public sealed class Helper : IAreaCoded
{
    public const int MaxNameLength = 30;
    public const int MaxBranchLength = 60;
    public const int MaxUnitLength = 60;
    public const int MaxPostLength = 30;
    public const int MaxSkillsLength = 200;

    private Helper() { }

    public Guid Id { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public Gender Gender { get; private set; }
    public string Phone { get; private set; } = "";
    /// <summary>所在党支部.</summary>
    public string PartyBranch { get; private set; } = "";
    public string? WorkUnit { get; private set; }
    public string? Post { get; private set; }
    public HelperKind Kind { get; private set; }
    /// <summary>特长 / 掌握的技术.</summary>
    public string? Skills { get; private set; }
    /// <summary>The helper's account (<see cref="Role.Helper"/>), null until one is made.</summary>
    public string? UserId { get; private set; }
    public int ActiveHouseholds { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public int Version { get; private set; }

    public AreaPath Area => new(RegionCode, CityCode, DistrictCode, TownCode, VillageCode);

    public static Helper Register(HelperDetails d, AreaPath village, Actor who, DateTimeOffset at)
    {
        var h = new Helper { Id = Guid.NewGuid(), CreatedAt = at, CreatedBy = who.UserId };
        h.Place(village);
        h.Change(d);
        return h;
    }

    public void Change(HelperDetails d)
    {
        Name = d.Name;
        Gender = d.Gender;
        Phone = d.Phone;
        PartyBranch = d.PartyBranch;
        WorkUnit = d.WorkUnit;
        Post = d.Post;
        Kind = d.Kind;
        Skills = d.Skills;
        Version++;
    }

    public void LinkAccount(string userId)
    {
        UserId = userId;
        Version++;
    }

    internal void Took() { ActiveHouseholds++; Version++; }

    internal void Released() { ActiveHouseholds = Math.Max(0, ActiveHouseholds - 1); Version++; }

    private void Place(AreaPath a)
    {
        RegionCode = a.RegionCode;
        CityCode = a.CityCode;
        DistrictCode = a.DistrictCode;
        TownCode = a.TownCode;
        VillageCode = a.VillageCode;
    }
}

/// <summary>
/// One helper paired with one household (结对), from the day it starts until it is ended or the helper is replaced,
/// with a reason. The signed agreement (附件3) is a scan uploaded onto the pairing; only then does it read
/// "协议已签订". Ended pairings are kept: the household's history shows every pairing.
/// </summary>
public sealed class Pairing : IAreaCoded
{
    public const int MaxReasonLength = 200;

    private Pairing() { }

    public Guid Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public Guid HelperId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    public DateOnly StartedOn { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public string StartedBy { get; private set; } = "";
    public string StartedByName { get; private set; } = "";
    public DateOnly? EndedOn { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndedBy { get; private set; }
    public string? EndReason { get; private set; }
    /// <summary>The pairing that took this one's place, when the helper was replaced.</summary>
    public Guid? ReplacedById { get; private set; }
    /// <summary>The scan of the signed agreement (附件3), stored like a photo.</summary>
    public string? AgreementStoredName { get; private set; }
    public string? AgreementContentType { get; private set; }
    public DateOnly? AgreementSignedOn { get; private set; }
    public DateTimeOffset? AgreementUploadedAt { get; private set; }
    public string? AgreementUploadedBy { get; private set; }
    public int Version { get; private set; }

    public bool IsActive => EndedOn is null;
    public bool AgreementSigned => AgreementStoredName is not null;

    /// <summary>
    /// Pairs the helper with the household when <see cref="PairingRules.MayPair"/> allows it; the household and the
    /// helper both count the pairing (and both are bumped, so concurrent pairings of either cannot both be saved).
    /// </summary>
    /// <param name="replacing">The household's live pairing this one replaces (ended right after with <see cref="End"/>): its place counts as free.</param>
    public static (Pairing? Pairing, Result Result) Start(Household household, Helper helper, Programme programme, DateOnly on, Actor who, DateTimeOffset at,
        Pairing? replacing = null)
    {
        var allowed = PairingRules.MayPair(household, helper, programme, who, replacing is { IsActive: true } r && r.HouseholdId == household.Id);
        if (!allowed.Succeeded)
        {
            return (null, allowed);
        }
        var p = new Pairing
        {
            Id = Guid.NewGuid(),
            ProgrammeId = household.ProgrammeId,
            HouseholdId = household.Id,
            HelperId = helper.Id,
            RegionCode = household.RegionCode,
            CityCode = household.CityCode,
            DistrictCode = household.DistrictCode,
            TownCode = household.TownCode,
            VillageCode = household.VillageCode,
            StartedOn = on,
            StartedAt = at,
            StartedBy = who.UserId,
            StartedByName = who.Name,
            Version = 1,
        };
        helper.Took();
        household.HelperAdded(who, $"结对帮扶人：{helper.Name}（{PairingLabels.Of(helper.Kind)}）", on, at);
        return (p, Result.Ok);
    }

    /// <summary>Ends the pairing with a reason; <paramref name="replacement"/> when a new helper takes its place in the same step.</summary>
    public Result End(Household household, Helper helper, string reason, DateOnly on, Pairing? replacement, Actor who, DateTimeOffset at)
    {
        if (!IsActive)
        {
            return Result.Conflict("该结对已解除，请刷新页面");
        }
        if (household.Id != HouseholdId || helper.Id != HelperId)
        {
            return Result.Refused("结对与帮扶对象或帮扶人不一致");
        }
        if (on < StartedOn)
        {
            return Result.Refused($"解除日期不能早于结对日期{StartedOn:yyyy-MM-dd}", nameof(EndedOn));
        }
        EndedOn = on;
        EndedAt = at;
        EndedBy = who.UserId;
        EndReason = reason;
        ReplacedById = replacement?.Id;
        Version++;
        helper.Released();
        household.HelperRemoved(who, (replacement is null ? "解除结对：" : "更换帮扶人：") + helper.Name + "，原因：" + reason, on, at);
        return Result.Ok;
    }

    /// <summary>Puts the signed agreement's scan on the pairing (or replaces an earlier scan).</summary>
    public Result AttachAgreement(string storedName, string contentType, DateOnly signedOn, Actor who, DateTimeOffset at)
    {
        if (!IsActive)
        {
            return Result.Conflict("该结对已解除，不能再上传协议");
        }
        if (signedOn < StartedOn)
        {
            return Result.Refused($"签订日期不能早于结对日期{StartedOn:yyyy-MM-dd}", nameof(AgreementSignedOn));
        }
        AgreementStoredName = storedName;
        AgreementContentType = contentType;
        AgreementSignedOn = signedOn;
        AgreementUploadedAt = at;
        AgreementUploadedBy = who.UserId;
        Version++;
        return Result.Ok;
    }
}

/// <summary>The pairing rules that need no database (SPEC §2: 1–2 helpers a household; a helper takes at most a programme's number).</summary>
public static class PairingRules
{
    public const string NotAllowed = "结对帮扶由村（社区）党组织或镇党委办理";

    /// <summary>The household states that can be paired: filed, paid, paired.</summary>
    public static bool CanBePaired(HouseholdStatus s) => s is HouseholdStatus.Filed or HouseholdStatus.Paid or HouseholdStatus.Paired;

    /// <param name="replacing">One of the household's helpers is being replaced in the same step: the household has one place more.</param>
    public static Result MayPair(Household household, Helper helper, Programme programme, Actor who, bool replacing = false)
    {
        if (!who.Role.Can(Capability.PairHouseholds))
        {
            return Result.NotAllowed(NotAllowed);
        }
        if (!who.Governs(household) || !who.Scope.Covers(helper.Area))
        {
            return Result.NotAllowed("该对象或帮扶人不在您的管辖范围内");
        }
        if (helper.TownCode != household.TownCode)
        {
            return Result.Refused($"帮扶人{helper.Name}不属于{household.HeadName}户所在的乡镇");
        }
        if (!CanBePaired(household.Status))
        {
            return Result.Refused($"{household.HeadName}户当前状态为“{Labels.Of(household.Status)}”，只有已备案的对象才能结对");
        }
        if (household.HelperCount - (replacing ? 1 : 0) >= programme.MaxHelpers)
        {
            return Result.Conflict($"{household.HeadName}户已有{household.HelperCount}名帮扶人，每户至多{programme.MaxHelpers}名");
        }
        if (helper.ActiveHouseholds >= programme.MaxHouseholdsPerHelper)
        {
            return Result.Conflict($"帮扶人{helper.Name}已结对{helper.ActiveHouseholds}户，每名帮扶人至多结对{programme.MaxHouseholdsPerHelper}户");
        }
        return Result.Ok;
    }

    /// <summary>
    /// A pairing is dated on or after the day the household was filed (备案) — only a filed household is paired — and
    /// never before its programme's year; without a recorded filing, the year's first day.
    /// </summary>
    public static Result MayStartOn(DateOnly on, int programmeYear, DateOnly? filedOn)
    {
        var earliest = new DateOnly(programmeYear, 1, 1);
        if (filedOn is { } f && f > earliest)
        {
            earliest = f;
        }
        return on < earliest
            ? Result.Refused(filedOn is null ? $"结对日期不能早于{programmeYear}年1月1日" : $"结对日期不能早于该户备案日期{earliest:yyyy-MM-dd}", "On")
            : Result.Ok;
    }

    /// <summary>
    /// Whether a pairing may end without a replacement: after the pairing deadline a household is never left without a
    /// helper (replace instead); before it, it may.
    /// </summary>
    public static Result MayEnd(Household household, DateOnly? deadline, DateOnly today, bool withReplacement)
    {
        if (!withReplacement && household.HelperCount <= 1 && deadline is { } d && today > d)
        {
            return Result.Refused($"结对截止日期（{d:yyyy-MM-dd}）已过，{household.HeadName}户不能没有帮扶人：请选择“更换帮扶人”");
        }
        return Result.Ok;
    }
}

/// <summary>Where a log or visit was recorded, when the phone allowed it and the user agreed.</summary>
public sealed record GeoPoint(double Latitude, double Longitude, double? AccuracyMetres)
{
    public static bool IsValid(double lat, double lon) => lat is >= -90 and <= 90 && lon is >= -180 and <= 180 && !(lat == 0 && lon == 0);
}

/// <summary>
/// 帮扶日志: one act of support to a paired household, by its helper or the village branch. Its id may be made on the
/// phone that wrote it (offline), so sending it twice stores it once (ADR 0027). Append-only.
/// </summary>
public sealed class SupportLog : IAreaCoded
{
    public const int MaxContentLength = 500;
    public const int MaxGoodsLength = 100;

    private SupportLog() { }

    public Guid Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public Guid HouseholdId { get; private set; }
    /// <summary>The helper who gave the support; null when the branch logs its own.</summary>
    public Guid? HelperId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    public DateOnly On { get; private set; }
    public SupportKind Kind { get; private set; }
    public string Content { get; private set; } = "";
    /// <summary>Money given, in fen.</summary>
    public long? MoneyFen { get; private set; }
    public string? Goods { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public double? AccuracyMetres { get; private set; }
    /// <summary>When the server stored it.</summary>
    public DateTimeOffset RecordedAt { get; private set; }
    /// <summary>When the phone says it was written (offline logs arrive later); informative only.</summary>
    public DateTimeOffset? WrittenAt { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";

    public static SupportLog Create(Guid id, Household household, Guid? helperId, DateOnly on, SupportKind kind, string content, long? moneyFen, string? goods,
        GeoPoint? where, DateTimeOffset? writtenAt, Actor who, DateTimeOffset at) => new()
        {
            Id = id,
            ProgrammeId = household.ProgrammeId,
            HouseholdId = household.Id,
            HelperId = helperId,
            RegionCode = household.RegionCode,
            CityCode = household.CityCode,
            DistrictCode = household.DistrictCode,
            TownCode = household.TownCode,
            VillageCode = household.VillageCode,
            On = on,
            Kind = kind,
            Content = content,
            MoneyFen = moneyFen,
            Goods = goods,
            Latitude = where?.Latitude,
            Longitude = where?.Longitude,
            AccuracyMetres = where?.AccuracyMetres,
            WrittenAt = writtenAt,
            RecordedAt = at,
            RecordedBy = who.UserId,
            RecordedByName = who.Name,
        };
}

/// <summary>
/// A visit to a paired household: a return visit (回访) by an office, with how the helper is doing, or a helper's own
/// visit. Like a support log its id may be made on the phone (ADR 0027). Append-only.
/// </summary>
public sealed class Visit : IAreaCoded
{
    public const int MaxTextLength = 500;
    public const int MaxVisitorLength = 50;

    private Visit() { }

    public Guid Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    public VisitKind Kind { get; private set; }
    public DateOnly On { get; private set; }
    /// <summary>Who went (names as written, e.g. 镇残联 李某、村支书 王某).</summary>
    public string Visitors { get; private set; } = "";
    public Role VisitorRole { get; private set; }
    public string Findings { get; private set; } = "";
    /// <summary>How the helper is doing (return visits only).</summary>
    public HelperRating? Rating { get; private set; }
    public string? RatingComment { get; private set; }
    public string? Suggestions { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public double? AccuracyMetres { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public DateTimeOffset? WrittenAt { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";

    /// <summary>Records the visit; a return visit moves the household's visit schedule on (<see cref="Household.VisitsFrom"/>).</summary>
    public static Visit Create(Guid id, Household household, VisitKind kind, DateOnly on, string visitors, string findings, HelperRating? rating, string? ratingComment,
        string? suggestions, GeoPoint? where, DateTimeOffset? writtenAt, Actor who, DateTimeOffset at)
    {
        var v = new Visit
        {
            Id = id,
            ProgrammeId = household.ProgrammeId,
            HouseholdId = household.Id,
            RegionCode = household.RegionCode,
            CityCode = household.CityCode,
            DistrictCode = household.DistrictCode,
            TownCode = household.TownCode,
            VillageCode = household.VillageCode,
            Kind = kind,
            On = on,
            Visitors = visitors,
            VisitorRole = who.Role,
            Findings = findings,
            Rating = rating,
            RatingComment = ratingComment,
            Suggestions = suggestions,
            Latitude = where?.Latitude,
            Longitude = where?.Longitude,
            AccuracyMetres = where?.AccuracyMetres,
            WrittenAt = writtenAt,
            RecordedAt = at,
            RecordedBy = who.UserId,
            RecordedByName = who.Name,
        };
        if (kind == VisitKind.ReturnVisit)
        {
            household.ReturnVisited(on);
        }
        return v;
    }
}

/// <summary>A photo on a support log or a visit (several each), stored like every other picture.</summary>
public sealed class FollowUpPhoto
{
    private FollowUpPhoto() { }

    public FollowUpPhoto(Guid ownerId, int seq, string storedName, string contentType)
    {
        Id = Guid.NewGuid();
        OwnerId = ownerId;
        Seq = seq;
        StoredName = storedName;
        ContentType = contentType;
    }

    public Guid Id { get; private set; }
    /// <summary>The support log's or visit's id.</summary>
    public Guid OwnerId { get; private set; }
    public int Seq { get; private set; }
    public string StoredName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
}

/// <summary>
/// 帮扶成效 of one household: the practical skills learned, where its project stands, and per-capita income at the
/// start and at the latest follow-up — so the programme can show who moved out of poverty. One row per household,
/// versioned; its history is the audit log.
/// </summary>
public sealed class HouseholdOutcome
{
    public const int MaxSkillLength = 30;
    public const int MaxReasonLength = 200;

    private HouseholdOutcome() { }

    public HouseholdOutcome(Guid householdId) => HouseholdId = householdId;

    public Guid HouseholdId { get; private set; }
    /// <summary>The first practical skill learned (致富实用技术).</summary>
    public string? Skill1 { get; private set; }
    public string? Skill2 { get; private set; }
    public ProjectProgress Progress { get; private set; } = ProjectProgress.NotStarted;
    public string? FailureReason { get; private set; }
    /// <summary>Per-capita yearly income when the help began, in fen (from the survey unless corrected).</summary>
    public long? IncomeAtStartFen { get; private set; }
    public long? IncomeLatestFen { get; private set; }
    public DateOnly? IncomeLatestOn { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public int Version { get; private set; }

    public void Set(string? skill1, string? skill2, ProjectProgress progress, string? failureReason, long? incomeAtStartFen, long? incomeLatestFen,
        DateOnly? incomeLatestOn, Actor who, DateTimeOffset at)
    {
        Skill1 = skill1;
        Skill2 = skill2;
        Progress = progress;
        FailureReason = progress == ProjectProgress.Failed ? failureReason : null;
        IncomeAtStartFen = incomeAtStartFen;
        IncomeLatestFen = incomeLatestFen;
        IncomeLatestOn = incomeLatestOn;
        UpdatedAt = at;
        UpdatedBy = who.UserId;
        Version++;
    }
}

/// <summary>Where a paired household stands against its return-visit schedule, today.</summary>
public enum VisitState
{
    /// <summary>Not paired: no visit is due.</summary>
    None = 0,
    NotYetDue = 1,
    /// <summary>Inside the window around the due date.</summary>
    Due = 2,
    /// <summary>Past the window after the due date.</summary>
    Overdue = 3,
}

/// <summary>
/// The return-visit schedule (定期回访), computed when read, never stored as a flag (ADR 0027). A paired household is
/// due a visit <c>interval</c> days after its last return visit (or, before the first, after its first pairing),
/// inside a window of <c>window</c> days either side; after the window it is overdue. Lists filter in SQL by the
/// thresholds below on the indexed <see cref="Household.VisitsFrom"/>, which is a fact (a date), not a flag.
/// </summary>
public sealed record VisitSchedule(int IntervalDays, int WindowDays)
{
    public static VisitSchedule Of(Programme p) => new(p.VisitIntervalDays, p.VisitWindowDays);

    public DateOnly DueOn(DateOnly from) => from.AddDays(IntervalDays);

    public VisitState StateOf(DateOnly? from, DateOnly today)
    {
        if (from is not { } f)
        {
            return VisitState.None;
        }
        var due = DueOn(f);
        return today < due.AddDays(-WindowDays) ? VisitState.NotYetDue
            : today <= due.AddDays(WindowDays) ? VisitState.Due
            : VisitState.Overdue;
    }

    /// <summary>Households whose <c>VisitsFrom</c> is on or before this day are due or overdue today.</summary>
    public DateOnly DueIfFromOnOrBefore(DateOnly today) => today.AddDays(WindowDays - IntervalDays);

    /// <summary>Households whose <c>VisitsFrom</c> is on or before this day are overdue today.</summary>
    public DateOnly OverdueIfFromOnOrBefore(DateOnly today) => today.AddDays(-WindowDays - IntervalDays - 1);

    /// <summary>Days past the end of the window (positive when overdue).</summary>
    public int DaysOverdue(DateOnly from, DateOnly today) => today.DayNumber - DueOn(from).AddDays(WindowDays).DayNumber;
}
