namespace Tongxing.Web.Domain;

public enum Verdict
{
    Passed = 1,
    NeedsCheck = 2,
    Failed = 3,
    Missing = 4,
}

public enum ScreeningOutcome
{
    EligiblePriority = 1,
    Eligible = 2,
    NotEligible = 3,
    Incomplete = 4,
}

/// <summary>One rule's result: what was checked, the verdict and why, in Chinese; <see cref="Person"/> when it is about one member.</summary>
public sealed record RuleResult(string Rule, Verdict Verdict, string Reason, string? Person = null);

/// <summary>The screening of one household: the overall outcome and every rule's result.</summary>
public sealed record Screening(ScreeningOutcome Outcome, bool NeedsCheck, IReadOnlyList<RuleResult> Results, string? CandidateIdNumber)
{
    public string Label => Labels.Of(Outcome) + (NeedsCheck && Outcome is ScreeningOutcome.Eligible or ScreeningOutcome.EligiblePriority ? "（需核实）" : "");

    /// <summary>The reasons that decide the outcome, joined for lists and history.</summary>
    /// <summary>What the lists show: each rule not passed, and the income; a rule about one member names that member.</summary>
    public string Summary => string.Join("；", Results.Where(r => r.Verdict != Verdict.Passed || r.Rule == EligibilityRules.IncomeRule)
        .Select(r => r.Person is { Length: > 0 } who ? $"{who}：{r.Reason}" : r.Reason));
}

/// <summary>
/// The eligibility rules of SPEC §3, evaluated against the programme's parameters on its reference date.
/// A household qualifies through one member (the candidate): disabled with a certificate, of working age,
/// with strong labour ability. Household-level rules: registered poor, will to work, a feasible project.
/// Income below the threshold makes the household a priority; it never excludes it.
/// </summary>
public static class EligibilityRules
{
    public const string PovertyRule = "建档立卡贫困户";
    public const string CertificateRule = "持有残疾人证";
    public const string AgeRule = "劳动年龄";
    public const string LabourRule = "劳动能力较强";
    public const string WillRule = "有致富愿望";
    public const string ProjectRule = "有可行性项目";
    public const string IncomeRule = "人均年纯收入";
    public const string EarlierRule = "往年未受扶持";

    /// <param name="earlierSupported">ID numbers of people supported in an earlier programme year.</param>
    public static Screening Evaluate(Household household, Programme programme, IReadOnlySet<string> earlierSupported)
    {
        var results = new List<RuleResult>();

        results.Add(household.Poverty switch
        {
            PovertyStatus.Registered => new RuleResult(PovertyRule, Verdict.Passed, "建档立卡贫困户"),
            PovertyStatus.Lifted => new RuleResult(PovertyRule, Verdict.NeedsCheck, "建档立卡已脱贫户，请核实是否仍在帮扶范围"),
            _ => new RuleResult(PovertyRule, Verdict.Failed, "非建档立卡贫困户"),
        });

        // Each disabled member is a possible candidate; the best one decides.
        var candidates = household.Members.Where(m => m.IsDisabled || m.CertificateNumber is not null)
            .Select(m => (Member: m, Results: PersonRules(m, programme, earlierSupported)))
            .OrderBy(c => c.Results.Max(r => Rank(r.Verdict)))
            .ThenBy(c => c.Member.Relation)
            .ToList();
        string? candidateId = null;
        if (candidates.Count == 0)
        {
            results.Add(new RuleResult(CertificateRule, Verdict.Failed, "家庭成员中没有登记残疾人"));
        }
        else
        {
            var best = candidates[0];
            candidateId = best.Member.IdNumber;
            results.AddRange(best.Results);
        }

        results.Add(household.WillToWork switch
        {
            true => new RuleResult(WillRule, Verdict.Passed, "有致富愿望"),
            false => new RuleResult(WillRule, Verdict.Failed, "本人无致富愿望"),
            null => new RuleResult(WillRule, Verdict.Missing, "未填写是否有致富愿望"),
        });

        results.Add(household.ProjectFeasible switch
        {
            true when !string.IsNullOrWhiteSpace(household.ProjectDescription) => new RuleResult(ProjectRule, Verdict.Passed, $"{Labels.Of(household.ProjectType)}项目：{household.ProjectDescription}"),
            false => new RuleResult(ProjectRule, Verdict.Failed, "扶持项目经评估不可行"),
            _ => new RuleResult(ProjectRule, Verdict.Missing, "未评估扶持项目是否可行"),
        });

        var threshold = programme.PriorityIncomeThreshold;
        // Priority is a rank among the eligible: a household another condition rules out is not called a priority one.
        var ruledOut = results.Any(r => r.Verdict == Verdict.Failed);
        results.Add(household.PerCapitaIncome < threshold
            ? new RuleResult(IncomeRule, Verdict.Passed, $"人均年纯收入{household.PerCapitaIncome}，低于{threshold}{(ruledOut ? "" : "，属重点扶持对象")}")
            : new RuleResult(IncomeRule, Verdict.Passed, $"人均年纯收入{household.PerCapitaIncome}，不低于{threshold}{(ruledOut ? "" : "，不属重点扶持对象")}"));

        var outcome = results.Any(r => r.Verdict == Verdict.Failed) ? ScreeningOutcome.NotEligible
            : results.Any(r => r.Verdict == Verdict.Missing) ? ScreeningOutcome.Incomplete
            : household.PerCapitaIncome < threshold ? ScreeningOutcome.EligiblePriority
            : ScreeningOutcome.Eligible;
        return new Screening(outcome, results.Any(r => r.Verdict == Verdict.NeedsCheck), results, candidateId);
    }

    private static int Rank(Verdict v) => v switch
    {
        Verdict.Passed => 0,
        Verdict.NeedsCheck => 1,
        Verdict.Missing => 2,
        _ => 3,
    };

    private static List<RuleResult> PersonRules(Member m, Programme programme, IReadOnlySet<string> earlierSupported)
    {
        var who = m.Name;
        var results = new List<RuleResult>
        {
            m.CertificateNumber is not null
                ? new RuleResult(CertificateRule, Verdict.Passed, $"持有残疾人证（{Labels.Of(m.DisabilityCategory!.Value)}{Labels.Grade(m.DisabilityGrade ?? 0)}）", who)
                : new RuleResult(CertificateRule, Verdict.Missing, "登记了残疾类别，但未填写残疾人证号", who),
        };

        var (min, max) = programme.WorkingAge(m.Gender);
        var age = Ages.CompletedYears(m.BirthDate, programme.ReferenceDate);
        var on = programme.ReferenceDate.ToString("yyyy年M月d日");
        results.Add(age < min
            ? new RuleResult(AgeRule, Verdict.Failed, $"{on}时{age}周岁，未满{min}周岁", who)
            : age > max
                ? new RuleResult(AgeRule, Verdict.Failed, $"{on}时{age}周岁，超过{Labels.Of(m.Gender)}性劳动年龄上限{max}周岁", who)
                : new RuleResult(AgeRule, Verdict.Passed, $"{on}时{age}周岁，在{Labels.Of(m.Gender)}性劳动年龄{min}–{max}周岁内", who));

        results.Add(m.LabourAbility switch
        {
            LabourAbility.Strong => new RuleResult(LabourRule, Verdict.Passed, "劳动能力较强", who),
            LabourAbility.Ordinary => new RuleResult(LabourRule, Verdict.NeedsCheck, "有一定劳动能力，请核实能否承担扶持项目", who),
            _ => new RuleResult(LabourRule, Verdict.Failed, Labels.Of(m.LabourAbility), who),
        });

        if (earlierSupported.Contains(m.IdNumber))
        {
            results.Add(programme.BlockEarlierSupported
                ? new RuleResult(EarlierRule, Verdict.Failed, "往年已享受本项目扶持，本年度不再扶持", who)
                : new RuleResult(EarlierRule, Verdict.NeedsCheck, "往年已享受本项目扶持，请核实是否重复扶持", who));
        }
        return results;
    }
}
