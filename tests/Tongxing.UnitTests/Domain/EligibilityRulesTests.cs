using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class EligibilityRulesTests
{
    private static readonly Dictionary<string, Area> Areas = DemoData.Areas().ToDictionary(a => a.Code);
    private static readonly AreaPath Village = AreaPath.Of(DemoData.LuomanVillage, Areas)!;
    private static readonly HashSet<string> NoneEarlier = [];

    /// <summary>A household whose head is the disabled candidate, born on <paramref name="birth"/>; everything else eligible.</summary>
    private static Household Candidate(DateOnly birth, Gender gender = Gender.Male, string income = "4000", PovertyStatus poverty = PovertyStatus.Registered,
        LabourAbility labour = LabourAbility.Strong, bool? will = true, bool? feasible = true, bool certificate = true, string? idNumber = null)
    {
        var id = idNumber ?? DemoData.GenerateId("450204", birth, gender, new Random(birth.DayNumber));
        var input = new HouseholdInput
        {
            VillageCode = DemoData.LuomanVillage,
            Size = 1,
            PerCapitaIncome = income,
            Poverty = poverty,
            ProjectType = ProjectType.Livestock,
            ProjectDescription = "养殖土鸡200羽",
            WillToWork = will,
            ProjectFeasible = feasible,
            Members =
            [
                new MemberInput
                {
                    Name = "候选人", Gender = gender, IdNumber = id, Relation = Relation.Head,
                    CertificateNumber = certificate ? ResidentId.Parse(id).Value!.Value + "41" : null,
                    DisabilityCategory = certificate ? null : DisabilityCategory.Physical, DisabilityGrade = certificate ? null : 1,
                    LabourAbility = labour,
                },
            ],
        };
        var (details, result) = HouseholdRegistration.Check(input, Village, new DateOnly(2026, 1, 1));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return Household.Propose(details!, 1, "u", "测试", DateTimeOffset.UnixEpoch);
    }

    private static Screening Screen(Household h, Programme? p = null, IReadOnlySet<string>? earlier = null) =>
        EligibilityRules.Evaluate(h, p ?? DemoData.Liunan2020(), earlier ?? NoneEarlier);

    private static RuleResult Rule(Screening s, string rule) => s.Results.Single(r => r.Rule == rule);

    [Fact]
    public void Sixteenth_birthday_on_the_reference_date_is_working_age()
    {
        var s = Screen(Candidate(new DateOnly(2004, 4, 2)));
        Assert.Equal(Verdict.Passed, Rule(s, EligibilityRules.AgeRule).Verdict);
        Assert.Equal(ScreeningOutcome.EligiblePriority, s.Outcome);
    }

    [Fact]
    public void One_day_short_of_16_on_the_reference_date_is_not_eligible()
    {
        var s = Screen(Candidate(new DateOnly(2004, 4, 3)));
        Assert.Equal(ScreeningOutcome.NotEligible, s.Outcome);
        Assert.Contains("未满16周岁", Rule(s, EligibilityRules.AgeRule).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Men_aged_59_on_the_reference_date_are_eligible()
    {
        Assert.Equal(Verdict.Passed, Rule(Screen(Candidate(new DateOnly(1960, 4, 3))), EligibilityRules.AgeRule).Verdict);
    }

    [Fact]
    public void Men_turning_60_on_the_reference_date_are_not_eligible()
    {
        var s = Screen(Candidate(new DateOnly(1960, 4, 2)));
        Assert.Equal(ScreeningOutcome.NotEligible, s.Outcome);
        Assert.Contains("60周岁", Rule(s, EligibilityRules.AgeRule).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Women_aged_54_on_the_reference_date_are_eligible()
    {
        Assert.Equal(Verdict.Passed, Rule(Screen(Candidate(new DateOnly(1965, 4, 3), Gender.Female)), EligibilityRules.AgeRule).Verdict);
    }

    [Fact]
    public void Women_over_54_on_the_reference_date_are_not_eligible()
    {
        var s = Screen(Candidate(new DateOnly(1965, 4, 2), Gender.Female));
        Assert.Equal(Verdict.Failed, Rule(s, EligibilityRules.AgeRule).Verdict);
        Assert.Contains("女性劳动年龄上限54周岁", Rule(s, EligibilityRules.AgeRule).Reason, StringComparison.Ordinal);
        // The lists' summary says whom the rule is about: in a household of several, "58周岁" beside a man's name misleads.
        Assert.Contains("候选人：2020年4月2日时55周岁，超过女性劳动年龄上限54周岁", s.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2019, 2, 28, Verdict.Passed)]
    [InlineData(2019, 3, 1, Verdict.Failed)]
    public void Woman_born_on_29_February_turns_55_on_1_March_of_a_common_year(int y, int m, int d, Verdict expected)
    {
        var p = DemoData.Liunan2020();
        p.ReferenceDate = new DateOnly(y, m, d);
        Assert.Equal(expected, Rule(Screen(Candidate(new DateOnly(1964, 2, 29), Gender.Female), p), EligibilityRules.AgeRule).Verdict);
    }

    [Theory]
    [InlineData(2020, 2, 28, Verdict.Failed)]
    [InlineData(2020, 2, 29, Verdict.Passed)]
    public void Person_born_on_29_February_turns_16_on_29_February_of_a_leap_year(int y, int m, int d, Verdict expected)
    {
        var p = DemoData.Liunan2020();
        p.ReferenceDate = new DateOnly(y, m, d);
        Assert.Equal(expected, Rule(Screen(Candidate(new DateOnly(2004, 2, 29)), p), EligibilityRules.AgeRule).Verdict);
    }

    [Fact]
    public void Age_follows_a_legacy_15_digit_id()
    {
        // 15-digit: born 1961-05-01 → 58 on 2 April 2020; male (odd sequence).
        var s = Screen(Candidate(new DateOnly(1961, 5, 1), idNumber: "450204610501013"));
        Assert.Contains("58周岁", Rule(s, EligibilityRules.AgeRule).Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Passed, Rule(s, EligibilityRules.AgeRule).Verdict);
    }

    [Fact]
    public void Income_just_below_the_threshold_makes_a_priority_household()
    {
        var s = Screen(Candidate(new DateOnly(1980, 1, 1), income: "4999.99"));
        Assert.Equal(ScreeningOutcome.EligiblePriority, s.Outcome);
        Assert.Contains("属重点扶持对象", Rule(s, EligibilityRules.IncomeRule).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_household_ruled_out_is_not_called_a_priority_one_whatever_its_income()
    {
        var s = Screen(Candidate(new DateOnly(1980, 1, 1), income: "1963.89", labour: LabourAbility.Weak));
        Assert.Equal(ScreeningOutcome.NotEligible, s.Outcome);
        Assert.Contains("低于", Rule(s, EligibilityRules.IncomeRule).Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("重点扶持对象", Rule(s, EligibilityRules.IncomeRule).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Income_at_the_threshold_is_eligible_but_not_priority()
    {
        var s = Screen(Candidate(new DateOnly(1980, 1, 1), income: "5000.00"));
        Assert.Equal(ScreeningOutcome.Eligible, s.Outcome);
        Assert.Contains("不属重点扶持对象", Rule(s, EligibilityRules.IncomeRule).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Threshold_comes_from_the_programme()
    {
        var p = DemoData.Liunan2020();
        p.PriorityIncomeThreshold = Money.FromYuan(6000);
        Assert.Equal(ScreeningOutcome.EligiblePriority, Screen(Candidate(new DateOnly(1980, 1, 1), income: "5500"), p).Outcome);
    }

    [Fact]
    public void Not_registered_poor_is_not_eligible()
    {
        var s = Screen(Candidate(new DateOnly(1980, 1, 1), poverty: PovertyStatus.NotRegistered));
        Assert.Equal(ScreeningOutcome.NotEligible, s.Outcome);
        Assert.Equal(Verdict.Failed, Rule(s, EligibilityRules.PovertyRule).Verdict);
    }

    [Fact]
    public void Lifted_household_needs_checking_but_stays_eligible()
    {
        var s = Screen(Candidate(new DateOnly(1980, 1, 1), poverty: PovertyStatus.Lifted));
        Assert.Equal(ScreeningOutcome.EligiblePriority, s.Outcome);
        Assert.True(s.NeedsCheck);
        Assert.Contains("需核实", s.Label, StringComparison.Ordinal);
    }

    [Fact]
    public void Weak_labour_ability_is_not_eligible()
    {
        Assert.Equal(ScreeningOutcome.NotEligible, Screen(Candidate(new DateOnly(1980, 1, 1), labour: LabourAbility.Weak)).Outcome);
    }

    [Fact]
    public void Missing_will_or_project_assessment_is_incomplete_not_refused()
    {
        var s = Screen(Candidate(new DateOnly(1980, 1, 1), will: null, feasible: null));
        Assert.Equal(ScreeningOutcome.Incomplete, s.Outcome);
        Assert.Equal(Verdict.Missing, Rule(s, EligibilityRules.WillRule).Verdict);
        Assert.Equal(Verdict.Missing, Rule(s, EligibilityRules.ProjectRule).Verdict);
    }

    [Fact]
    public void No_will_to_work_is_not_eligible()
    {
        Assert.Equal(ScreeningOutcome.NotEligible, Screen(Candidate(new DateOnly(1980, 1, 1), will: false)).Outcome);
    }

    [Fact]
    public void Disabled_without_a_certificate_is_incomplete()
    {
        var s = Screen(Candidate(new DateOnly(1980, 1, 1), certificate: false));
        Assert.Equal(ScreeningOutcome.Incomplete, s.Outcome);
        Assert.Equal(Verdict.Missing, Rule(s, EligibilityRules.CertificateRule).Verdict);
    }

    [Fact]
    public void Household_without_a_disabled_member_is_not_eligible()
    {
        var input = new HouseholdInput
        {
            VillageCode = DemoData.LuomanVillage,
            Size = 1,
            PerCapitaIncome = "3000",
            Poverty = PovertyStatus.Registered,
            ProjectType = ProjectType.Crops,
            ProjectDescription = "种植",
            WillToWork = true,
            ProjectFeasible = true,
            Members = [new MemberInput { Name = "健全人", Gender = Gender.Male, IdNumber = "440524188001010014", Relation = Relation.Head, LabourAbility = LabourAbility.Strong }],
        };
        var (details, _) = HouseholdRegistration.Check(input, Village, new DateOnly(2026, 1, 1));
        var s = Screen(Household.Propose(details!, 1, "u", "t", DateTimeOffset.UnixEpoch));
        Assert.Equal(ScreeningOutcome.NotEligible, s.Outcome);
        Assert.Contains("没有登记残疾人", s.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Supported_in_an_earlier_year_is_flagged_or_refused_by_the_programme_setting()
    {
        var h = Candidate(new DateOnly(1980, 1, 1));
        var earlier = new HashSet<string> { h.HeadIdNumber };
        var flagged = Screen(h, DemoData.Liunan2020(), earlier);
        Assert.Equal(Verdict.NeedsCheck, Rule(flagged, EligibilityRules.EarlierRule).Verdict);
        Assert.NotEqual(ScreeningOutcome.NotEligible, flagged.Outcome);

        var strict = DemoData.Liunan2020();
        strict.BlockEarlierSupported = true;
        var refused = Screen(h, strict, earlier);
        Assert.Equal(ScreeningOutcome.NotEligible, refused.Outcome);
    }

    [Fact]
    public void Every_failed_rule_is_listed_with_its_reason()
    {
        var s = Screen(Candidate(new DateOnly(1950, 1, 1), poverty: PovertyStatus.NotRegistered, labour: LabourAbility.None, will: false));
        var failed = s.Results.Where(r => r.Verdict == Verdict.Failed).Select(r => r.Rule).ToList();
        Assert.Equal([EligibilityRules.PovertyRule, EligibilityRules.AgeRule, EligibilityRules.LabourRule, EligibilityRules.WillRule], failed);
    }

    [Fact]
    public void Rescreening_to_a_new_outcome_is_written_to_history_with_its_cause()
    {
        var h = Candidate(new DateOnly(1980, 1, 1), income: "5500");
        h.Rescreened(Screen(h), "登记", "u", "测试", DateTimeOffset.UnixEpoch);
        var events = h.History.Count;
        h.Rescreened(Screen(h), "再次筛查", "u", "测试", DateTimeOffset.UnixEpoch);
        Assert.Equal(events, h.History.Count);

        var p = DemoData.Liunan2020();
        p.PriorityIncomeThreshold = Money.FromYuan(6000);
        h.Rescreened(Screen(h, p), "重点收入线调整为6000元", "u", "测试", DateTimeOffset.UnixEpoch);
        Assert.Equal(ScreeningOutcome.EligiblePriority, h.Screening);
        Assert.Contains("符合条件 → 重点扶持对象（重点收入线调整为6000元）", h.History[^1].Comment, StringComparison.Ordinal);
    }
}
