namespace Tongxing.Web.Domain;

/// <summary>Everything about a household that the village enters (on the form, the API or a 附件1 row), once checked.</summary>
public sealed record HouseholdDetails(AreaPath Area, string? Group, string? Address, int Size, Money Income, PovertyStatus Poverty,
    ProjectType ProjectType, string ProjectDescription, bool? WillToWork, bool? ProjectFeasible, string? HelperToBe, string? Remarks,
    IReadOnlyList<Member> Members);

/// <summary>A candidate or supported household: one record from the survey to the year-end inspection.</summary>
public sealed class Household
{
    private readonly List<Member> _members = [];
    private readonly List<HouseholdEvent> _history = [];

    private Household() { }

    private Household(Guid id, int programmeId, HouseholdDetails details)
    {
        Id = id;
        ProgrammeId = programmeId;
        Status = HouseholdStatus.Proposed;
        Apply(details);
    }

    public Guid Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string CityCode { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string TownCode { get; private set; } = "";
    public string VillageCode { get; private set; } = "";
    /// <summary>村民小组 (village group / 屯).</summary>
    public string? Group { get; private set; }
    public string? Address { get; private set; }
    public int Size { get; private set; }
    public Money PerCapitaIncome { get; private set; }
    public PovertyStatus Poverty { get; private set; }
    public ProjectType ProjectType { get; private set; }
    public string ProjectDescription { get; private set; } = "";
    public bool? WillToWork { get; private set; }
    public bool? ProjectFeasible { get; private set; }
    /// <summary>拟结对帮扶人, when the village already knows.</summary>
    public string? HelperToBe { get; private set; }
    public string? Remarks { get; private set; }
    public HouseholdStatus Status { get; private set; }
    public ScreeningOutcome? Screening { get; private set; }
    public string? ScreeningSummary { get; private set; }
    /// <summary>Put forward by the town beyond its quota, as a reserve (备选).</summary>
    public bool IsReserve { get; private set; }
    public Guid? SubmissionId { get; private set; }
    public string? ReturnReason { get; private set; }
    // Copied from the head member so lists sort and search without a join.
    public string HeadName { get; private set; } = "";
    public string HeadIdNumber { get; private set; } = "";
    /// <summary>Every member's name and ID number, for the list's search (see <see cref="HouseholdSearch"/>).</summary>
    public string SearchKeys { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    /// <summary>Optimistic concurrency token, bumped on every change.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Member> Members => _members;
    public IReadOnlyList<HouseholdEvent> History => _history;

    public AreaPath Area => new(RegionCode, CityCode, DistrictCode, TownCode, VillageCode);

    /// <summary>A village branch proposes a household (调查摸底): it enters the register as proposed.</summary>
    public static Household Propose(HouseholdDetails details, int programmeId, string userId, string userName, DateTimeOffset at)
    {
        var h = new Household(Guid.NewGuid(), programmeId, details)
        {
            CreatedAt = at,
            CreatedBy = userId,
            Version = 1,
        };
        h.Append(new HouseholdEvent(Guid.NewGuid(), h.Id, at, userId, userName, null, HouseholdStatus.Proposed, "登记帮扶对象"));
        return h;
    }

    /// <summary>Whether <paramref name="who"/> may still correct the household: the village, while it holds it (proposed or returned).</summary>
    public Result CanCorrect(Actor who)
    {
        var may = who.May(Capability.RegisterHousehold, this, "只有村（社区）党组织可以修改帮扶对象信息");
        if (!may.Succeeded)
        {
            return may;
        }
        return Status is HouseholdStatus.Proposed or HouseholdStatus.Returned
            ? Result.Ok
            : Result.Refused($"当前状态为“{Labels.Of(Status)}”，已报送的对象不能修改；如需修改请先由区残联退回");
    }

    /// <summary>The village corrects the household while it is still with the village (proposed or returned).</summary>
    /// <param name="comment">What the history says (by default "修改登记信息").</param>
    public Result Correct(HouseholdDetails details, Actor who, DateTimeOffset at, string? comment = null)
    {
        var may = CanCorrect(who);
        if (!may.Succeeded)
        {
            return may;
        }
        if (!who.Scope.Covers(details.Area))
        {
            return Result.Refused("请选择本人管辖范围内的村（社区）", "VillageCode");
        }
        Apply(details);
        Record(who, at, Status, comment ?? "修改登记信息");
        return Result.Ok;
    }

    /// <summary>The town puts the household on its 附件1 and sends it to the district.</summary>
    public Result SubmitByTown(Actor who, Guid submissionId, bool reserve, DateTimeOffset at)
    {
        var may = who.May(Capability.SubmitSurvey, this, "只有乡镇可以向区残联报送汇总表");
        if (!may.Succeeded)
        {
            return may;
        }
        if (Status != HouseholdStatus.Proposed)
        {
            return Result.Conflict($"{HeadName}户当前状态为“{Labels.Of(Status)}”，不能报送");
        }
        if (Screening is not (ScreeningOutcome.Eligible or ScreeningOutcome.EligiblePriority))
        {
            return Result.Refused($"{HeadName}户筛查结果为“{(Screening is { } s ? Labels.Of(s) : "未筛查")}”，不能报送");
        }
        SubmissionId = submissionId;
        IsReserve = reserve;
        ReturnReason = null;
        Record(who, at, HouseholdStatus.SubmittedByTown, reserve ? "列入附件1报送区残联（备选）" : "列入附件1报送区残联");
        return Result.Ok;
    }

    /// <summary>The district federation accepts the household after review.</summary>
    public Result AcceptByDistrict(Actor who, string? comment, DateTimeOffset at)
    {
        var may = who.May(Capability.ReviewSurvey, this, "只有区残联可以审核乡镇报送的名单");
        if (!may.Succeeded)
        {
            return may;
        }
        if (Status != HouseholdStatus.SubmittedByTown)
        {
            return Result.Refused($"当前状态为“{Labels.Of(Status)}”，不能审核");
        }
        Record(who, at, HouseholdStatus.ReviewedByDistrict, string.IsNullOrWhiteSpace(comment) ? "审核通过" : comment.Trim());
        return Result.Ok;
    }

    /// <summary>The district federation sends the household back to the village with a reason.</summary>
    public Result ReturnByDistrict(Actor who, string? reason, DateTimeOffset at)
    {
        var may = who.May(Capability.ReviewSurvey, this, "只有区残联可以退回乡镇报送的对象");
        if (!may.Succeeded)
        {
            return may;
        }
        if (Status != HouseholdStatus.SubmittedByTown)
        {
            return Result.Refused($"当前状态为“{Labels.Of(Status)}”，不能退回");
        }
        reason = PlainText.Clean(reason);
        if (string.IsNullOrEmpty(reason))
        {
            return Result.Refused("请填写退回原因", "Reason");
        }
        if (reason.Length > 500)
        {
            return Result.Refused("退回原因不能超过500个字", "Reason");
        }
        ReturnReason = reason;
        SubmissionId = null;
        IsReserve = false;
        Record(who, at, HouseholdStatus.Returned, "退回：" + reason);
        return Result.Ok;
    }

    /// <summary>After correcting a returned household, the village puts it forward again to its town.</summary>
    public Result ResubmitByVillage(Actor who, string? comment, DateTimeOffset at)
    {
        var may = who.May(Capability.RegisterHousehold, this, "只有村（社区）党组织可以重新提交");
        if (!may.Succeeded)
        {
            return may;
        }
        if (Status != HouseholdStatus.Returned)
        {
            return Result.Conflict($"{HeadName}户当前状态为“{Labels.Of(Status)}”，只有被退回的对象才能重新提交");
        }
        Record(who, at, HouseholdStatus.Proposed, string.IsNullOrWhiteSpace(comment) ? "修改后重新提交" : "重新提交：" + comment.Trim());
        return Result.Ok;
    }

    public Guid? NoticeId { get; private set; }
    /// <summary>When the town committee approved (附件2 due to the district by the approval deadline); cleared if that approval is undone.</summary>
    public DateTimeOffset? TownApprovedAt { get; private set; }

    /// <summary>The village puts the district-accepted household on its public notice.</summary>
    public Result PutOnNotice(Actor who, Guid noticeId, DateTimeOffset at)
    {
        var may = who.May(Capability.RegisterHousehold, this, "只有村（社区）党组织可以发布公示");
        if (!may.Succeeded)
        {
            return may;
        }
        if (Status != HouseholdStatus.ReviewedByDistrict)
        {
            return Result.Refused($"{HeadName}户当前状态为“{Labels.Of(Status)}”，区残联审核通过后才能公示");
        }
        NoticeId = noticeId;
        Record(who, at, HouseholdStatus.OnNotice, "张榜公示");
        return Result.Ok;
    }

    /// <summary>After the notice period, with every objection on the household resolved, the household passes its notice.</summary>
    public Result PassNotice(Actor who, DateOnly today, DateOnly noticeEnd, int openObjections, DateTimeOffset at)
    {
        var may = who.May(Capability.RegisterHousehold, this, "只有村（社区）党组织可以确认公示结果");
        if (!may.Succeeded)
        {
            return may;
        }
        if (Status != HouseholdStatus.OnNotice)
        {
            return Result.Refused($"{HeadName}户当前状态为“{Labels.Of(Status)}”，不在公示中");
        }
        if (today <= noticeEnd)
        {
            return Result.Refused($"公示期至{noticeEnd:yyyy年M月d日}，期满后才能确认公示结果");
        }
        if (openObjections > 0)
        {
            return Result.Refused($"{HeadName}户还有{openObjections}条异议未处理完毕");
        }
        Record(who, at, HouseholdStatus.NoticePassed, "公示期满无异议（或异议已处理）");
        return Result.Ok;
    }

    /// <summary>An objection found true: the household leaves the programme, with the finding on its record.</summary>
    public Result WithdrawOnObjection(Actor who, string finding, DateTimeOffset at)
    {
        if (Status != HouseholdStatus.OnNotice)
        {
            return Result.Refused($"{HeadName}户当前不在公示中");
        }
        Record(who, at, HouseholdStatus.Withdrawn, "公示异议经核实成立，取消帮扶资格：" + finding);
        return Result.Ok;
    }

    /// <summary>Takes the next step of the approval chain (apply, approve at each level, file).</summary>
    public Result Approve(Actor who, ApprovalStep step, string? comment, DateTimeOffset at)
    {
        if (ApprovalChain.Find(step) is not { } move)
        {
            return Result.Refused($"审批环节“{step}”不存在，可选：{string.Join("、", ApprovalChain.Moves.Select(m => $"{m.Step}（{m.Label}）"))}", "Step");
        }
        if (who.Role != move.Role || move.Role.HomeLevel() != who.Scope.Level)
        {
            return Result.NotAllowed($"“{move.Label}”应由{move.Role.Label()}办理");
        }
        if (!who.Governs(this))
        {
            return Result.Refused("该对象不在您的管辖范围内");
        }
        if (Status != move.From)
        {
            return Result.Refused($"{HeadName}户当前状态为“{Labels.Of(Status)}”，不能{move.Label}");
        }
        Record(who, at, move.To, string.IsNullOrWhiteSpace(comment) ? move.Label : $"{move.Label}：{comment.Trim()}");
        if (move.To == HouseholdStatus.ApprovedByTown)
        {
            TownApprovedAt = at;
        }
        return Result.Ok;
    }

    /// <summary>The office due to act sends the household back one step, with a reason.</summary>
    public Result SendBack(Actor who, string? reason, DateTimeOffset at)
    {
        var next = ApprovalChain.Next(Status);
        var previous = ApprovalChain.Previous(Status);
        if (next is null || previous is null)
        {
            return Result.Refused($"当前状态为“{Labels.Of(Status)}”，没有可退回的审批环节");
        }
        if (who.Role != next.Role || !who.Governs(this))
        {
            return Result.NotAllowed($"只有负责“{next.Label}”的{next.Role.Label()}可以退回");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Refused("请填写退回原因", "Reason");
        }
        Record(who, at, previous.From, $"退回上一环节（{previous.Label}）：{reason.Trim()}");
        ClearTownApprovalIfUndone();
        return Result.Ok;
    }

    /// <summary>The office that took the last step withdraws it, while the next office has not acted; a recorded action of its own.</summary>
    public Result WithdrawApproval(Actor who, string? reason, DateTimeOffset at)
    {
        var previous = ApprovalChain.Previous(Status);
        if (previous is null || Status == HouseholdStatus.Filed)
        {
            return Result.Refused($"当前状态为“{Labels.Of(Status)}”，没有可撤回的审批");
        }
        if (who.Role != previous.Role || !who.Governs(this))
        {
            return Result.NotAllowed($"只有作出“{previous.Label}”的{previous.Role.Label()}可以撤回");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Refused("请填写撤回原因", "Reason");
        }
        Record(who, at, previous.From, $"撤回“{previous.Label}”：{reason.Trim()}");
        ClearTownApprovalIfUndone();
        return Result.Ok;
    }

    /// <summary>户名 of the account the subsidy is paid into (often the head, not always).</summary>
    public string? BankAccountName { get; private set; }
    /// <summary>The account number, digits only. Personal data: masked for every viewer who does not pay the household.</summary>
    public string? BankAccountNumber { get; private set; }
    public string? BankName { get; private set; }

    /// <summary>
    /// The village or the town records the account the subsidy goes to, at any time before it is paid. A payment copies
    /// the account when it is made, so a change afterwards does not rewrite history.
    /// </summary>
    public Result SetBankAccount(Actor who, BankAccount account, DateTimeOffset at)
    {
        if (!who.Role.Can(Capability.EditBankAccount))
        {
            return Result.NotAllowed("银行账号由村（社区）党组织或镇党委登记");
        }
        if (!who.Governs(this))
        {
            return Result.NotAllowed("该对象不在您的管辖范围内");
        }
        if (Status is HouseholdStatus.Withdrawn)
        {
            return Result.Refused($"当前状态为“{Labels.Of(Status)}”，不能登记银行账号");
        }
        if (BankAccountName == account.Name && BankAccountNumber == account.Number && BankName == account.Bank)
        {
            return Result.Ok;
        }
        var first = BankAccountNumber is null;
        BankAccountName = account.Name;
        BankAccountNumber = account.Number;
        BankName = account.Bank;
        Append(new HouseholdEvent(Guid.NewGuid(), Id, at, who.UserId, who.Name, Status, Status,
            $"{(first ? "登记" : "变更")}收款账户：{account.Bank} {BankAccount.Mask(account.Number)}"));
        Version++;
        return Result.Ok;
    }

    /// <summary>The subsidy reached the household (bank result or cash): filed → paid, or → paired when it already has a helper.</summary>
    public Result MarkPaid(Actor who, Payment payment, DateTimeOffset at)
    {
        if (Status != HouseholdStatus.Filed)
        {
            return Result.Conflict($"{HeadName}户当前状态为“{Labels.Of(Status)}”，不能登记为已发放");
        }
        Record(who, at, HelperCount > 0 ? HouseholdStatus.Paired : HouseholdStatus.Paid, $"扶持资金已发放（{Labels.Of(payment.Method)}，{payment.Amount}）");
        return Result.Ok;
    }

    /// <summary>A paid amount was reversed: the household is filed again (its helpers stay) and can be paid anew.</summary>
    public Result PaymentReversed(Actor who, string reason, DateTimeOffset at)
    {
        if (Status == HouseholdStatus.Paired)
        {
            Record(who, at, HouseholdStatus.Filed, "扶持资金发放已冲销：" + reason);
            return Result.Ok;
        }
        if (Status != HouseholdStatus.Paid)
        {
            // Later phases (paired, assessed) keep their state; the history still says the payment was reversed.
            Append(new HouseholdEvent(Guid.NewGuid(), Id, at, who.UserId, who.Name, Status, Status, TextCut.Shorten("扶持资金发放已冲销：" + reason, 500)));
            Version++;
            return Result.Ok;
        }
        Record(who, at, HouseholdStatus.Filed, "扶持资金发放已冲销：" + reason);
        return Result.Ok;
    }

    /// <summary>
    /// Places a synthetic household directly in a workflow state, for the province-sized load data only
    /// (<c>ProvinceGenerator</c>); real households move only through the methods above.
    /// </summary>
    internal void ForceStatusForLoadTest(HouseholdStatus status) => Status = status;

    /// <summary>How many helpers are paired with the household now (结对帮扶人数), kept by <see cref="Pairing"/>.</summary>
    public int HelperCount { get; private set; }
    /// <summary>The day of the household's first pairing.</summary>
    public DateOnly? PairedOn { get; private set; }
    /// <summary>
    /// The day the return-visit interval counts from: the last return visit, or before the first one the first pairing;
    /// null while the household has no helper. A date on the record, not a due flag (<see cref="VisitSchedule"/>).
    /// </summary>
    public DateOnly? VisitsFrom { get; private set; }
    /// <summary>The last return visit (回访), if any.</summary>
    public DateOnly? LastReturnVisitOn { get; private set; }

    /// <summary>A helper was paired (<see cref="Pairing.Start"/>): a paid household becomes paired.</summary>
    internal void HelperAdded(Actor who, string note, DateOnly on, DateTimeOffset at)
    {
        HelperCount++;
        PairedOn ??= on;
        VisitsFrom ??= LastReturnVisitOn is { } v && v > on ? v : on;
        Record(who, at, Status == HouseholdStatus.Paid ? HouseholdStatus.Paired : Status, note);
    }

    /// <summary>A pairing ended (<see cref="Pairing.End"/>): without any helper left a paired household is paid again and no visit is due.</summary>
    internal void HelperRemoved(Actor who, string note, DateOnly on, DateTimeOffset at)
    {
        HelperCount = Math.Max(0, HelperCount - 1);
        if (HelperCount == 0)
        {
            VisitsFrom = null;
        }
        Record(who, at, HelperCount == 0 && Status == HouseholdStatus.Paired ? HouseholdStatus.Paid : Status, TextCut.Shorten(note, 500));
    }

    /// <summary>A return visit was recorded (<see cref="Visit.Create"/>): the schedule counts from it when it is the latest.</summary>
    internal void ReturnVisited(DateOnly on)
    {
        if (LastReturnVisitOn is null || on > LastReturnVisitOn)
        {
            LastReturnVisitOn = on;
        }
        if (HelperCount > 0 && (VisitsFrom is null || on > VisitsFrom))
        {
            VisitsFrom = on;
        }
        Version++;
    }

    private void ClearTownApprovalIfUndone()
    {
        if (Status is HouseholdStatus.Applied or HouseholdStatus.ApprovedByVillage or HouseholdStatus.NoticePassed)
        {
            TownApprovedAt = null;
        }
    }

    /// <summary>Stores a new screening; a change of outcome is written to the history with its cause.</summary>
    public void Rescreened(Screening screening, string cause, string userId, string userName, DateTimeOffset at)
    {
        var before = Screening;
        Screening = screening.Outcome;
        ScreeningSummary = Truncate(screening.Summary, 1000);
        if (before != screening.Outcome)
        {
            var from = before is { } b ? Labels.Of(b) : "未筛查";
            Append(new HouseholdEvent(Guid.NewGuid(), Id, at, userId, userName, Status, Status,
                Truncate($"筛查结果：{from} → {screening.Label}（{cause}）", 500)));
            Version++;
        }
    }

    private void Record(Actor who, DateTimeOffset at, HouseholdStatus to, string comment)
    {
        Append(new HouseholdEvent(Guid.NewGuid(), Id, at, who.UserId, who.Name, Status, to, Truncate(PlainText.Clean(comment)!, 500)));
        Status = to;
        Version++;
    }

    // Numbered from the household's version, which every entry raises, so entries keep their order
    // even when the stored history is not loaded.
    private void Append(HouseholdEvent e) => _history.Add(e with { Seq = Version * 1000 + _history.Count });

    private void Apply(HouseholdDetails d)
    {
        RegionCode = d.Area.RegionCode;
        CityCode = d.Area.CityCode;
        DistrictCode = d.Area.DistrictCode;
        TownCode = d.Area.TownCode;
        VillageCode = d.Area.VillageCode;
        Group = d.Group;
        Address = d.Address;
        Size = d.Size;
        PerCapitaIncome = d.Income;
        Poverty = d.Poverty;
        ProjectType = d.ProjectType;
        ProjectDescription = d.ProjectDescription;
        WillToWork = d.WillToWork;
        ProjectFeasible = d.ProjectFeasible;
        HelperToBe = d.HelperToBe;
        Remarks = d.Remarks;
        _members.Clear();
        foreach (var m in d.Members)
        {
            m.BelongTo(Id, ProgrammeId);
            _members.Add(m);
        }
        var head = _members.Single(m => m.Relation == Relation.Head);
        HeadName = head.Name;
        HeadIdNumber = head.IdNumber;
        SearchKeys = HouseholdSearch.Keys(_members);
    }

    private static string Truncate(string s, int max) => TextCut.Shorten(s, max);
}

/// <summary>A person of the household.</summary>
public sealed class Member
{
    private Member() { }

    internal Member(Guid id, string name, Gender gender, ResidentId residentId, Relation relation, DisabilityCertificate? certificate,
        DisabilityCategory? category, int? grade, LabourAbility labour, string? phone)
    {
        Id = id;
        Name = name;
        Gender = gender;
        IdNumber = residentId.Value;
        IdNumberReversed = HouseholdSearch.Reverse(IdNumber);
        BirthDate = residentId.BirthDate;
        Relation = relation;
        CertificateNumber = certificate?.Value;
        DisabilityCategory = certificate?.Category ?? category;
        DisabilityGrade = certificate?.Grade ?? grade;
        LabourAbility = labour;
        Phone = phone;
    }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    /// <summary>Copied from the household so that one person can be a candidate only once per programme (a unique index).</summary>
    public int ProgrammeId { get; private set; }
    public string Name { get; private set; } = "";
    public Gender Gender { get; private set; }
    /// <summary>Always the normalised 18-character number, whatever was typed.</summary>
    public string IdNumber { get; private set; } = "";
    /// <summary>The ID number backwards, indexed: the last digits of an ID become an index range (<see cref="HouseholdSearch"/>).</summary>
    public string IdNumberReversed { get; private set; } = "";
    public DateOnly BirthDate { get; private set; }
    public Relation Relation { get; private set; }
    public string? CertificateNumber { get; private set; }
    public DisabilityCategory? DisabilityCategory { get; private set; }
    public int? DisabilityGrade { get; private set; }
    public LabourAbility LabourAbility { get; private set; }
    public string? Phone { get; private set; }

    public bool IsDisabled => DisabilityCategory is not null;

    internal void BelongTo(Guid householdId, int programmeId)
    {
        HouseholdId = householdId;
        ProgrammeId = programmeId;
    }
}

/// <summary>One dated entry of a household's history: who moved it, from what to what, and why. Never edited.</summary>
public sealed record HouseholdEvent(Guid Id, Guid HouseholdId, DateTimeOffset At, string UserId, string UserName,
    HouseholdStatus? From, HouseholdStatus To, string? Comment)
{
    /// <summary>Position in the household's history; orders entries made in the same instant.</summary>
    public int Seq { get; init; }
}
