namespace Tongxing.Web.Domain;

/// <summary>A kind of work that waits for an office: households (or notices) in a state only that office can move on.</summary>
public enum WorkItem
{
    /// <summary>村: households the district returned, to correct and submit again.</summary>
    CorrectReturned = 1,
    /// <summary>镇: households the villages proposed that the town has not yet sent in its 附件1.</summary>
    SubmitSurvey = 2,
    /// <summary>区残联: households the towns sent, to accept or return.</summary>
    ReviewSurvey = 3,
    /// <summary>村: households the district accepted that are on no notice yet.</summary>
    PostNotice = 4,
    /// <summary>村: notices whose period has ended with households still on them, to confirm.</summary>
    PassNotice = 5,
    /// <summary>村: households whose notice passed, to register their application.</summary>
    Apply = 6,
    ApproveByVillage = 7,
    ApproveByTown = 8,
    ApproveByDistrict = 9,
    /// <summary>镇党委: households the district approved, to file.</summary>
    File = 10,
    /// <summary>镇党委: filed households not yet paid, by the funds phase's deadline (7 May).</summary>
    PayHouseholds = 11,
    /// <summary>村: paid households whose receipt (签收) is not yet recorded.</summary>
    RecordReceipts = 12,
    /// <summary>镇党委: paid households whose funded project's start (项目落实) is not yet recorded.</summary>
    RecordProjectStarts = 13,
    /// <summary>镇残联、镇党委、村: paired households past their return-visit window (counted on read, ADR 0027; no programme deadline).</summary>
    OverdueVisits = 14,
    /// <summary>村: paid households with no helper yet, by the pairing phase's deadline (27 May).</summary>
    PairHouseholds = 15,
    /// <summary>村、镇党委: live pairings whose signed agreement (附件3) is not uploaded, by the pairing deadline.</summary>
    SignAgreements = 16,
    /// <summary>镇残联、镇党委、村: paired households inside their return-visit window now (not yet overdue).</summary>
    VisitsDue = 17,
    /// <summary>镇残联: expected quarterly reports or the year-end summary not yet received (draft, returned or not begun); deadline the earliest due.</summary>
    SubmitReports = 18,
    /// <summary>区残联: reports the towns submitted, to accept or send back.</summary>
    ReviewReports = 19,
    /// <summary>区残联: publicity entries submitted for approval.</summary>
    ApprovePublicity = 20,
    /// <summary>区委组织部、区残联: towns whose inspection (检查验收) is not concluded, once the inspection phase has begun.</summary>
    InspectTowns = 21,
    /// <summary>Every office: follow-up actions (meeting decisions, rectifications) the user owns that are still open; deadline the earliest due.</summary>
    OwnedActions = 22,
    /// <summary>区残联: towns with a quota that have not yet sent their 附件1, until the survey phase ends; deadline the survey's (9 April).</summary>
    ChaseSurveys = 23,
}

/// <summary>One line of a home page's list: what waits, how many, by when.</summary>
public sealed record NextAction(WorkItem Item, string What, int Count, string Unit, DateOnly? Deadline, string? DeadlineText, bool Overdue);

/// <summary>
/// What waits for whom (SPEC §4): which office moves households on from which state, and the programme deadline that
/// work falls under. The approval steps come from <see cref="ApprovalChain"/>, so the chain and the home pages agree.
/// </summary>
public static class NextActions
{
    /// <summary>A kind of work; <see cref="Phase"/> null when its deadline comes from the records (a report's due date, an action's).</summary>
    private sealed record Rule(WorkItem Item, Role[] Roles, HouseholdStatus? Status, ProgrammePhase? Phase, bool PhaseEnd, string What, string Unit);

    private static readonly Role[] Offices = [.. Roles.All.Where(r => r is not Role.Helper)];

    private static Rule Step(WorkItem item, ApprovalStep step, string what) =>
        new(item, [ApprovalChain.Of(step).Role], ApprovalChain.Of(step).From, ProgrammePhase.Approval, false, what, "户");

    private static readonly Rule[] Rules =
    [
        new(WorkItem.CorrectReturned, [Role.VillageBranch], HouseholdStatus.Returned, ProgrammePhase.Survey, true, "区残联退回的对象，待修改后重新提交", "户"),
        new(WorkItem.SubmitSurvey, [Role.TownCommittee, Role.TownFederation], HouseholdStatus.Proposed, ProgrammePhase.Survey, false, "村已提名、筛查符合条件的对象，待报送汇总表（附件1）", "户"),
        new(WorkItem.ChaseSurveys, [Role.DistrictFederation], null, ProgrammePhase.Survey, false, "尚未报送汇总表（附件1）的镇，请督促", "个"),
        new(WorkItem.ReviewSurvey, [Role.DistrictFederation], HouseholdStatus.SubmittedByTown, ProgrammePhase.Survey, true, "各镇已报送的对象，待审核", "户"),
        new(WorkItem.PostNotice, [Role.VillageBranch], HouseholdStatus.ReviewedByDistrict, ProgrammePhase.Approval, false, "区残联审核通过、尚未张榜公示的对象", "户"),
        new(WorkItem.PassNotice, [Role.VillageBranch], null, ProgrammePhase.Approval, false, "公示期已满、待确认公示结果的公示", "份"),
        Step(WorkItem.Apply, ApprovalStep.Apply, "公示通过的对象，待登记本人申请"),
        Step(WorkItem.ApproveByVillage, ApprovalStep.ApproveByVillage, "已申请的对象，待村党组织审批"),
        Step(WorkItem.ApproveByTown, ApprovalStep.ApproveByTown, "村党组织已审批的对象，待镇党委审批"),
        Step(WorkItem.ApproveByDistrict, ApprovalStep.ApproveByDistrict, "镇党委已审批的对象，待区残联审批"),
        Step(WorkItem.File, ApprovalStep.File, "区残联已审批的对象，待镇党委备案"),
        new(WorkItem.PayHouseholds, [Role.TownCommittee], HouseholdStatus.Filed, ProgrammePhase.Funds, false, "已备案、尚未发放扶持资金的对象", "户"),
        new(WorkItem.RecordReceipts, [Role.VillageBranch], null, ProgrammePhase.Funds, true, "已发放资金、待登记签收的对象", "户"),
        new(WorkItem.RecordProjectStarts, [Role.TownCommittee], null, ProgrammePhase.Pairing, true, "已发放资金、尚未登记项目落实的对象", "户"),
        new(WorkItem.PairHouseholds, [Role.VillageBranch], HouseholdStatus.Paid, ProgrammePhase.Pairing, false, "已发放资金、尚未确定帮扶人的对象", "户"),
        new(WorkItem.SignAgreements, [Role.VillageBranch, Role.TownCommittee], null, ProgrammePhase.Pairing, false, "已结对、尚未上传签订的帮扶协议书（附件3）", "份"),
        new(WorkItem.VisitsDue, [Role.TownFederation, Role.TownCommittee, Role.VillageBranch], null, null, false, "已到回访期、尚未回访的结对户", "户"),
        new(WorkItem.SubmitReports, [Role.TownFederation], null, null, false, "应报送区残联的季度反馈或年度总结，尚未报送", "份"),
        new(WorkItem.ReviewReports, [Role.DistrictFederation], null, null, false, "各镇已报送的季度反馈或年度总结，待审核", "份"),
        new(WorkItem.ApprovePublicity, [Role.DistrictFederation], null, null, false, "已报送的宣传材料，待审核", "篇"),
        new(WorkItem.InspectTowns, [Role.DistrictOrganization, Role.DistrictFederation], null, ProgrammePhase.Inspection, false, "尚未完成检查验收的镇", "个"),
        new(WorkItem.OwnedActions, Offices, null, null, false, "由您负责、尚未办结的督办事项（会议决定、整改）", "项"),
    ];

    /// <summary>The work that waits for an office, in the order of the programme.</summary>
    public static IReadOnlyList<WorkItem> WaitingFor(Role role) => Rules.Where(r => r.Roles.Contains(role)).Select(r => r.Item).ToList();

    /// <summary>The household state a kind of work counts; null for what is counted otherwise (notices ready to pass, payments).</summary>
    public static HouseholdStatus? CountedStatus(WorkItem item) => RuleOf(item).Status;

    /// <summary>
    /// Whether only households the screening found eligible count: the town can send no other (see
    /// <see cref="Household.SubmitByTown"/>), so the rest wait for the village, not for the town.
    /// </summary>
    public static bool CountsOnlyEligible(WorkItem item) => item == WorkItem.SubmitSurvey;

    /// <summary>The programme's date the work must be done by: the phase's deadline, or its end when the work closes the phase; null when the records set it.</summary>
    public static DateOnly? Deadline(WorkItem item, Programme programme)
    {
        var rule = RuleOf(item);
        var phase = rule.Phase is { } p ? programme.Phase(p) : null;
        return phase is null ? null : rule.PhaseEnd ? phase.End : phase.Deadline ?? phase.End;
    }

    /// <summary>The deadline as an official reads it: 截止4月9日（还有4天） / 今天截止 / 已逾期3天.</summary>
    public static string DeadlineText(DateOnly deadline, DateOnly today)
    {
        var days = deadline.DayNumber - today.DayNumber;
        // A deadline of another year (a past programme seen later) says its year: "截止4月29日" reads as this year's.
        var date = deadline.Year == today.Year ? $"截止{deadline:M月d日}" : $"截止{deadline:yyyy年M月d日}";
        return days > 0 ? $"{date}（还有{days}天）" : days == 0 ? $"{date}（今天截止）" : $"{date}（已逾期{-days}天）";
    }

    /// <summary>
    /// The office's list: each kind of its work that has something waiting, the most urgent first. <paramref name="dueFromRecords"/>
    /// gives the deadline of work whose date the records set (the earliest report or action due).
    /// </summary>
    public static IReadOnlyList<NextAction> List(Role role, IReadOnlyDictionary<WorkItem, int> counts, Programme programme, DateOnly today,
        IReadOnlyDictionary<WorkItem, DateOnly>? dueFromRecords = null) =>
        WaitingFor(role)
            .Where(item => counts.GetValueOrDefault(item) > 0)
            .Select(item =>
            {
                var rule = RuleOf(item);
                var deadline = dueFromRecords?.TryGetValue(item, out var due) == true ? due : Deadline(item, programme);
                return new NextAction(item, rule.What, counts[item], rule.Unit, deadline,
                    deadline is { } d ? DeadlineText(d, today) : null, deadline is { } e && e < today);
            })
            .OrderBy(a => a.Deadline ?? DateOnly.MaxValue).ThenBy(a => a.Item)
            .ToList();

    private static Rule RuleOf(WorkItem item) => Rules.Single(r => r.Item == item);
}
