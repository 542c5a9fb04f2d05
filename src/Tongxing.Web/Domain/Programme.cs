namespace Tongxing.Web.Domain;

public enum ProgrammePhase
{
    Survey = 1,
    Approval = 2,
    Funds = 3,
    Pairing = 4,
    Summary = 5,
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
    public Result Validate()
    {
        var errors = new List<FieldError>();
        if (Quota <= 0)
        {
            errors.Add(new(nameof(Quota), "帮扶任务数应大于0"));
        }
        if (_townQuotas.Count > 0 && _townQuotas.Sum(q => q.Quota) != Quota)
        {
            errors.Add(new(nameof(TownQuotas), $"各镇任务数之和（{_townQuotas.Sum(q => q.Quota)}户）应等于全区任务数（{Quota}户）"));
        }
        if (_fundShares.Sum(s => s.BasisPoints) != 10_000)
        {
            errors.Add(new(nameof(FundShares), "各级资金分担比例之和应为100%"));
        }
        if (SubsidyPerHousehold <= Money.Zero)
        {
            errors.Add(new(nameof(SubsidyPerHousehold), "每户扶持资金应大于0"));
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
        if (_phases.Any(p => p.End < p.Start))
        {
            errors.Add(new(nameof(Phases), "阶段结束日期不能早于开始日期"));
        }
        return errors.Count == 0 ? Result.Ok : Result.Refused(errors);
    }

    public static string PhaseLabel(ProgrammePhase phase) => phase switch
    {
        ProgrammePhase.Survey => "调查摸底",
        ProgrammePhase.Approval => "审批建档",
        ProgrammePhase.Funds => "发放资金",
        ProgrammePhase.Pairing => "结对帮扶",
        ProgrammePhase.Summary => "总结验收",
        _ => phase.ToString(),
    };

    public static string SourceLabel(FundSource source) => source switch
    {
        FundSource.Region => "自治区",
        FundSource.City => "市级",
        FundSource.District => "区级",
        _ => source.ToString(),
    };
}

public sealed record TownQuota(string TownCode, int Quota);

/// <summary>A fund source's share of the subsidy, in basis points (7000 = 70%).</summary>
public sealed record FundShare(FundSource Source, int BasisPoints, string Note);

public sealed record PhaseWindow(ProgrammePhase Phase, DateOnly Start, DateOnly End, DateOnly? Deadline, string? DeadlineWhat);
