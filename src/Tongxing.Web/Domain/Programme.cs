namespace Tongxing.Web.Domain;

public enum ProgrammePhase
{
    Survey = 1,
    Approval = 2,
    Funds = 3,
    Pairing = 4,
    Summary = 5,
    /// <summary>检查验收: the organization department and the district federation inspect and accept each town's work.</summary>
    Inspection = 6,
}

public enum FundSource
{
    Region = 1,
    City = 2,
    District = 3,
}

/// <summary>
/// One year's programme in one district (SPEC §2): every number the rules use lives here, so next year's
/// programme, or another district's, is configured rather than programmed.
/// </summary>
public sealed class Programme
{
    private readonly List<TownQuota> _townQuotas = [];
    private readonly List<FundShare> _fundShares = [];
    private readonly List<PhaseWindow> _phases = [];

    private Programme() { }

    public Programme(int year, string districtCode, string name) : this()
    {
        Year = year;
        DistrictCode = districtCode;
        Name = name;
    }

    public int Id { get; private set; }
    public int Year { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>Households the district must support (the quota from above).</summary>
    public int Quota { get; set; }
    public int MinHouseholdsPerVillage { get; set; }
    public Money SubsidyPerHousehold { get; set; }
    /// <summary>The date ages are computed on (SPEC §3).</summary>
    public DateOnly ReferenceDate { get; set; }
    public int MaleMinAge { get; set; }
    public int MaleMaxAge { get; set; }
    public int FemaleMinAge { get; set; }
    public int FemaleMaxAge { get; set; }
    /// <summary>Per-capita annual net income strictly below this marks a priority household.</summary>
    public Money PriorityIncomeThreshold { get; set; }
    public int MinSkills { get; set; }
    public int MaxSkills { get; set; }
    public int MinHelpers { get; set; }
    public int MaxHelpers { get; set; }
    public int NoticeWorkingDays { get; set; }
    /// <summary>How many households one helper may be paired with at once.</summary>
    public int MaxHouseholdsPerHelper { get; set; } = 3;
    /// <summary>Days between return visits (定期回访), e.g. 90 for quarterly.</summary>
    public int VisitIntervalDays { get; set; } = 90;
    /// <summary>Days either side of a visit's due date in which it counts as on time.</summary>
    public int VisitWindowDays { get; set; } = 15;
    /// <summary>A helper is expected to log support for each of their households at least once in this many days.</summary>
    public int SupportLogIntervalDays { get; set; } = 30;
    /// <summary>A quarterly report (季度反馈) is on time when submitted within this many days after its quarter ends.</summary>
    public int ReportDueDays { get; set; } = 10;

    /// <summary>The name may change; year and district never do (the programme's identity).</summary>
    public void Rename(string name) => Name = name;
    /// <summary>Characters of an ID number shown at its start and end on public notices (6 and 4: 450204********1234).</summary>
    public int NoticeIdKeepStart { get; set; } = 6;
    public int NoticeIdKeepEnd { get; set; } = 4;
    /// <summary>Whether a person supported in an earlier year is refused (true) or only flagged for checking (false).</summary>
    public bool BlockEarlierSupported { get; set; }

    public IReadOnlyList<TownQuota> TownQuotas => _townQuotas;
    public IReadOnlyList<FundShare> FundShares => _fundShares;
    public IReadOnlyList<PhaseWindow> Phases => _phases;

    public void SetTownQuota(string townCode, int quota)
    {
        _townQuotas.RemoveAll(q => q.TownCode == townCode);
        _townQuotas.Add(new TownQuota(townCode, quota));
    }

    public void SetFundShare(FundSource source, int basisPoints, string note)
    {
        _fundShares.RemoveAll(s => s.Source == source);
        _fundShares.Add(new FundShare(source, basisPoints, note));
    }

    public void SetPhase(ProgrammePhase phase, DateOnly start, DateOnly end, DateOnly? deadline, string? deadlineWhat)
    {
        _phases.RemoveAll(p => p.Phase == phase);
        _phases.Add(new PhaseWindow(phase, start, end, deadline, deadlineWhat));
    }

    public (int Min, int Max) WorkingAge(Gender gender) =>
        gender == Gender.Male ? (MaleMinAge, MaleMaxAge) : (FemaleMinAge, FemaleMaxAge);

    public Money TotalSubsidy => new(SubsidyPerHousehold.Fen * Quota);

    public int QuotaOf(string townCode) => _townQuotas.FirstOrDefault(q => q.TownCode == townCode)?.Quota ?? 0;

    public PhaseWindow? Phase(ProgrammePhase phase) => _phases.FirstOrDefault(p => p.Phase == phase);

    /// <summary>The total subsidy split over the fund sources by their shares; the parts add up to the total.</summary>
    public IReadOnlyList<(FundSource Source, Money Amount)> FundSplit()
    {
        var ordered = _fundShares.OrderBy(s => s.Source).ToArray();
        var parts = TotalSubsidy.Split(ordered.Select(s => s.BasisPoints).ToArray());
        return ordered.Select((s, i) => (s.Source, parts[i])).ToArray();
    }

    /// <summary>Checks that the configuration is coherent: shares add up, town quotas add up, ages and dates are in order.</summary>
    public Result Validate() => Validate(ProgrammeLimits.Default);

    /// <summary>Checks every field against the rules and the configured limits; each problem names its field.</summary>
    public Result Validate(ProgrammeLimits limits)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new(nameof(Name), "请填写项目名称"));
        }
        else if (Name.Length > MaxNameLength)
        {
            errors.Add(new(nameof(Name), $"项目名称不能超过{MaxNameLength}个字"));
        }
        else if (PlainText.HasInvisible(Name))
        {
            // The name is printed on notices and written into 附件1, where such a character makes the workbook unreadable.
            errors.Add(new(nameof(Name), "项目名称含有不可见的控制字符或无法识别的字符，请重新输入"));
        }
        if (Year < MinYear || Year > MaxYear)
        {
            errors.Add(new(nameof(Year), $"年度应在{MinYear}年至{MaxYear}年之间"));
        }
        if (MinHouseholdsPerVillage < 0)
        {
            errors.Add(new(nameof(MinHouseholdsPerVillage), "每村最少帮扶户数不能为负数"));
        }
        if (_townQuotas.Any(q => q.Quota < 0))
        {
            errors.Add(new(nameof(TownQuotas), "各镇任务数不能为负数"));
        }
        if (Quota <= 0)
        {
            errors.Add(new(nameof(Quota), "帮扶任务数应大于0"));
        }
        if (_townQuotas.Count > 0 && _townQuotas.Sum(q => q.Quota) != Quota)
        {
            errors.Add(new(nameof(TownQuotas), $"各镇任务数之和（{_townQuotas.Sum(q => q.Quota)}户）应等于全区任务数（{Quota}户）"));
        }
        if (_fundShares.Any(s => s.BasisPoints < 0 || s.BasisPoints > 10_000))
        {
            errors.Add(new(nameof(FundShares), "每一级的分担比例应在0%至100%之间"));
        }
        else if (_fundShares.Sum(s => s.BasisPoints) != 10_000)
        {
            errors.Add(new(nameof(FundShares), $"各级资金分担比例之和应为100%（现为{_fundShares.Sum(s => s.BasisPoints) / 100m:0.##}%）"));
        }
        if (_fundShares.Any(s => s.Note.Length > MaxNoteLength))
        {
            errors.Add(new(nameof(FundShares), $"资金来源说明不能超过{MaxNoteLength}个字"));
        }
        if (SubsidyPerHousehold <= Money.Zero)
        {
            errors.Add(new(nameof(SubsidyPerHousehold), "每户扶持资金应大于0"));
        }
        else if (SubsidyPerHousehold < limits.MinSubsidy)
        {
            errors.Add(new(nameof(SubsidyPerHousehold), $"每户扶持资金不能低于{limits.MinSubsidy}"));
        }
        if (NoticeWorkingDays < limits.MinNoticeWorkingDays || NoticeWorkingDays > limits.MaxNoticeWorkingDays)
        {
            errors.Add(new(nameof(NoticeWorkingDays), $"公示期应为{limits.MinNoticeWorkingDays}至{limits.MaxNoticeWorkingDays}个工作日"));
        }
        if (MinSkills < 0 || MinSkills > MaxSkills)
        {
            errors.Add(new(nameof(MinSkills), "每户掌握实用技术的门数：下限不能为负数，也不能大于上限"));
        }
        if (MinHelpers < 1 || MinHelpers > MaxHelpers)
        {
            errors.Add(new(nameof(MinHelpers), "每户帮扶党员人数：下限至少1名，且不能大于上限"));
        }
        if (MaxHouseholdsPerHelper < 1 || MaxHouseholdsPerHelper > 50)
        {
            errors.Add(new(nameof(MaxHouseholdsPerHelper), "每名帮扶人结对户数上限应在1至50户之间"));
        }
        if (VisitIntervalDays < 7 || VisitIntervalDays > 366)
        {
            errors.Add(new(nameof(VisitIntervalDays), "回访间隔应在7至366天之间"));
        }
        if (VisitWindowDays < 0 || VisitWindowDays * 2 >= VisitIntervalDays)
        {
            errors.Add(new(nameof(VisitWindowDays), "回访提前/宽限天数不能为负数，且应小于回访间隔的一半"));
        }
        if (SupportLogIntervalDays < 1 || SupportLogIntervalDays > 366)
        {
            errors.Add(new(nameof(SupportLogIntervalDays), "帮扶日志间隔应在1至366天之间"));
        }
        if (ReportDueDays < 1 || ReportDueDays > 60)
        {
            errors.Add(new(nameof(ReportDueDays), "季度报告报送期限应在季度结束后1至60天之间"));
        }
        if (MaleMinAge > MaleMaxAge || FemaleMinAge > FemaleMaxAge)
        {
            errors.Add(new(nameof(MaleMinAge), "劳动年龄下限不能大于上限"));
        }
        if (MaleMinAge < 0 || FemaleMinAge < 0 || MaleMaxAge > 120 || FemaleMaxAge > 120)
        {
            errors.Add(new(nameof(MaleMaxAge), "劳动年龄应在0至120周岁之间"));
        }
        if (ReferenceDate.Year < Year - 1 || ReferenceDate.Year > Year + 1)
        {
            // Ages are counted on a day of the programme's own year (the plan's date); a far date is a typing slip.
            errors.Add(new(nameof(ReferenceDate), $"年龄计算基准日应在{Year - 1}年至{Year + 1}年之间（本项目为{Year}年度）"));
        }
        if (PriorityIncomeThreshold < Money.Zero)
        {
            errors.Add(new(nameof(PriorityIncomeThreshold), "重点扶持收入线不能为负数"));
        }
        foreach (var phase in Enum.GetValues<ProgrammePhase>())
        {
            var field = PhaseField(phase);
            var label = PhaseLabel(phase);
            if (Phase(phase) is not { } w)
            {
                errors.Add(new(field, $"请填写“{label}”阶段的起止日期"));
            }
            else if (w.End < w.Start)
            {
                errors.Add(new(field, $"“{label}”阶段的结束日期不能早于开始日期"));
            }
            else if (w.Start.Year != Year)
            {
                errors.Add(new(field, $"“{label}”阶段应在{Year}年内开始"));
            }
            else if (w.End.Year > Year + 1)
            {
                // A year's work ends by the next spring at the latest; 9999-12-31 is a typing slip.
                errors.Add(new(field, $"“{label}”阶段应在{Year + 1}年底前结束"));
            }
            else if (w.Deadline is { } d && (d < w.Start || d > w.End))
            {
                errors.Add(new(field, $"“{label}”阶段的截止日期应在阶段起止日期之内"));
            }
            else if (w.DeadlineWhat?.Length > MaxNoteLength)
            {
                errors.Add(new(field, $"“{label}”阶段的截止事项不能超过{MaxNoteLength}个字"));
            }
        }
        return errors.Count == 0 ? Result.Ok : Result.Refused(errors);
    }

    public static string PhaseLabel(ProgrammePhase phase) => phase switch
    {
        ProgrammePhase.Survey => "调查摸底",
        ProgrammePhase.Approval => "审批建档",
        ProgrammePhase.Funds => "发放资金",
        ProgrammePhase.Pairing => "结对帮扶",
        ProgrammePhase.Summary => "总结",
        ProgrammePhase.Inspection => "检查验收",
        _ => phase.ToString(),
    };

    /// <summary>The field key a phase's errors are reported under (the phases in their order, as the form lists them).</summary>
    public static string PhaseField(ProgrammePhase phase) => $"{nameof(Phases)}[{(int)phase - 1}]";

    public const int MinYear = 2000;
    public const int MaxYear = 2099;
    public const int MaxNameLength = 100;
    public const int MaxNoteLength = 200;

    /// <summary>Every editable value of the programme at once (all but its year and district).</summary>
    public ProgrammeSettings Settings => new(Name, Quota, MinHouseholdsPerVillage, SubsidyPerHousehold, ReferenceDate, MaleMinAge, MaleMaxAge,
        FemaleMinAge, FemaleMaxAge, PriorityIncomeThreshold, MinSkills, MaxSkills, MinHelpers, MaxHelpers, NoticeWorkingDays, BlockEarlierSupported,
        [.. _townQuotas.OrderBy(q => q.TownCode)], [.. _fundShares.OrderBy(f => f.Source)], [.. _phases.OrderBy(p => p.Phase)],
        MaxHouseholdsPerHelper, VisitIntervalDays, VisitWindowDays, SupportLogIntervalDays, ReportDueDays);

    /// <summary>Sets every editable value; town quotas, fund shares and phases not in the settings are removed.</summary>
    public void Apply(ProgrammeSettings s)
    {
        Name = s.Name.Trim();
        Quota = s.Quota;
        MinHouseholdsPerVillage = s.MinHouseholdsPerVillage;
        SubsidyPerHousehold = s.SubsidyPerHousehold;
        ReferenceDate = s.ReferenceDate;
        MaleMinAge = s.MaleMinAge;
        MaleMaxAge = s.MaleMaxAge;
        FemaleMinAge = s.FemaleMinAge;
        FemaleMaxAge = s.FemaleMaxAge;
        PriorityIncomeThreshold = s.PriorityIncomeThreshold;
        MinSkills = s.MinSkills;
        MaxSkills = s.MaxSkills;
        MinHelpers = s.MinHelpers;
        MaxHelpers = s.MaxHelpers;
        NoticeWorkingDays = s.NoticeWorkingDays;
        BlockEarlierSupported = s.BlockEarlierSupported;
        MaxHouseholdsPerHelper = s.MaxHouseholdsPerHelper;
        VisitIntervalDays = s.VisitIntervalDays;
        VisitWindowDays = s.VisitWindowDays;
        SupportLogIntervalDays = s.SupportLogIntervalDays;
        ReportDueDays = s.ReportDueDays;
        // Owned rows are replaced only where they differ, so the audit log records what really changed.
        _townQuotas.RemoveAll(q => !s.TownQuotas.Contains(q));
        _townQuotas.AddRange(s.TownQuotas.Where(q => !_townQuotas.Contains(q)));
        _fundShares.RemoveAll(f => !s.FundShares.Contains(f));
        _fundShares.AddRange(s.FundShares.Where(f => !_fundShares.Contains(f)));
        _phases.RemoveAll(p => !s.Phases.Contains(p));
        _phases.AddRange(s.Phases.Where(p => !_phases.Contains(p)));
    }

    /// <summary>A new programme for the same district with these settings.</summary>
    public static Programme Create(int year, string districtCode, ProgrammeSettings settings)
    {
        var p = new Programme(year, districtCode, settings.Name);
        p.Apply(settings);
        return p;
    }

    /// <summary>
    /// Next year's programme as a copy of this one: every date (reference date, phases, deadlines) one year later, the
    /// year in the name moved on, all numbers kept. 29 February becomes 28 February.
    /// </summary>
    public Programme CopyForNextYear()
    {
        var s = Settings;
        var next = Year + 1;
        var name = Name.Replace(Year.ToString(System.Globalization.CultureInfo.InvariantCulture), next.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return Create(next, DistrictCode, s with
        {
            Name = name,
            ReferenceDate = s.ReferenceDate.AddYears(1),
            Phases = [.. s.Phases.Select(p => p with { Start = p.Start.AddYears(1), End = p.End.AddYears(1), Deadline = p.Deadline?.AddYears(1) })],
        });
    }

    /// <summary>
    /// Which of a district's programmes the daily pages work on (ADR): the latest year whose survey has started by
    /// <paramref name="today"/>; when none has started yet, the earliest year (the one about to begin). A programme
    /// without a survey phase counts as starting on 1 January of its year.
    /// </summary>
    public static T? CurrentOf<T>(IEnumerable<T> programmes, Func<T, int> year, Func<T, DateOnly?> surveyStart, DateOnly today) where T : class
    {
        var list = programmes.ToList();
        DateOnly Start(T p) => surveyStart(p) ?? new DateOnly(year(p), 1, 1);
        return list.Where(p => Start(p) <= today).OrderByDescending(year).FirstOrDefault()
            ?? list.OrderBy(year).FirstOrDefault();
    }

    public static string SourceLabel(FundSource source) => source switch
    {
        FundSource.Region => "自治区",
        FundSource.City => "市级",
        FundSource.District => "区级",
        _ => source.ToString(),
    };
}

public sealed record TownQuota(string TownCode, int Quota);

/// <summary>Every editable value of a programme (all but year and district), as the create, copy and edit use cases pass it.</summary>
public sealed record ProgrammeSettings(string Name, int Quota, int MinHouseholdsPerVillage, Money SubsidyPerHousehold, DateOnly ReferenceDate,
    int MaleMinAge, int MaleMaxAge, int FemaleMinAge, int FemaleMaxAge, Money PriorityIncomeThreshold, int MinSkills, int MaxSkills,
    int MinHelpers, int MaxHelpers, int NoticeWorkingDays, bool BlockEarlierSupported,
    IReadOnlyList<TownQuota> TownQuotas, IReadOnlyList<FundShare> FundShares, IReadOnlyList<PhaseWindow> Phases,
    int MaxHouseholdsPerHelper = 3, int VisitIntervalDays = 90, int VisitWindowDays = 15, int SupportLogIntervalDays = 30, int ReportDueDays = 10);

/// <summary>The limits every programme must keep, from configuration (<c>Programme:</c> in appsettings.json).</summary>
public sealed record ProgrammeLimits(Money MinSubsidy, int MinNoticeWorkingDays, int MaxNoticeWorkingDays)
{
    /// <summary>The limits of the programme's own rules (SPEC §2: not less than 1000 yuan; a notice of 5 working days).</summary>
    public static ProgrammeLimits Default { get; } = new(Money.FromYuan(1000), 5, 15);
}

/// <summary>A fund source's share of the subsidy, in basis points (7000 = 70%).</summary>
public sealed record FundShare(FundSource Source, int BasisPoints, string Note);

public sealed record PhaseWindow(ProgrammePhase Phase, DateOnly Start, DateOnly End, DateOnly? Deadline, string? DeadlineWhat);
