using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class OutcomeRulesTests
{
    private static readonly DateOnly Today = new(2020, 9, 1);

    private static (OutcomeDetails? Details, Result Result) Check(string? skill1 = "沃柑嫁接", string? skill2 = null, string? progress = "UnderWay", string? reason = null,
        string? start = "2800", string? latest = null, string? latestOn = null, int min = 1, int max = 2) =>
        OutcomeRules.Check(skill1, skill2, progress, reason, start, latest, latestOn, min, max, 2020, Today);

    private static IEnumerable<string> Fields(Result r) => r.Errors.Select(e => e.Field);

    [Fact]
    public void A_complete_outcome_is_taken_with_amounts_in_fen()
    {
        var (d, r) = Check(skill2: "生猪防疫", progress: "Stable", start: "2,800.50", latest: "4200", latestOn: "2020-08-31");
        Assert.True(r.Succeeded);
        Assert.Equal(("沃柑嫁接", "生猪防疫", ProjectProgress.Stable), (d!.Skill1, d.Skill2, d.Progress));
        Assert.Equal(280050, d.IncomeAtStartFen);
        Assert.Equal(420000, d.IncomeLatestFen);
        Assert.Equal(new DateOnly(2020, 8, 31), d.IncomeLatestOn);
    }

    [Fact]
    public void A_failed_project_needs_its_reason()
    {
        var (_, r) = Check(progress: "Failed");
        Assert.Contains("FailureReason", Fields(r));
        var (d, ok) = Check(progress: "Failed", reason: "遭受洪灾，沃柑苗全部死亡");
        Assert.True(ok.Succeeded);
        Assert.Equal("遭受洪灾，沃柑苗全部死亡", d!.FailureReason);
    }

    [Fact]
    public void A_reason_is_not_kept_unless_the_project_failed()
    {
        var (d, r) = Check(progress: "UnderWay", reason: "无关的原因");
        Assert.True(r.Succeeded);
        Assert.Null(d!.FailureReason);
    }

    [Fact]
    public void A_project_that_yields_needs_the_programmes_minimum_of_skills_but_one_still_under_way_does_not()
    {
        Assert.Contains("Skill1", Fields(Check(skill1: null, progress: "ProducingIncome").Result));
        Assert.Contains("Skill1", Fields(Check(skill1: " ", progress: "Stable").Result));
        Assert.True(Check(skill1: null, progress: "UnderWay").Result.Succeeded);
        Assert.Contains("Skill1", Fields(Check(skill2: null, progress: "Stable", min: 2).Result));
    }

    [Fact]
    public void No_more_skills_than_the_programme_allows_and_not_the_same_twice()
    {
        Assert.Contains("Skill2", Fields(Check(skill2: "生猪防疫", max: 1).Result));
        Assert.Contains("Skill2", Fields(Check(skill2: "沃柑嫁接").Result));
    }

    [Fact]
    public void A_single_skill_typed_in_the_second_box_becomes_the_first()
    {
        var (d, r) = Check(skill1: "", skill2: "生猪防疫");
        Assert.True(r.Succeeded);
        Assert.Equal(("生猪防疫", (string?)null), (d!.Skill1, d.Skill2));
    }

    [Theory]
    [InlineData("Unknown")]
    [InlineData("7")]
    [InlineData(null)]
    public void An_unknown_project_status_is_refused(string? progress) => Assert.Contains("Progress", Fields(Check(progress: progress).Result));

    [Fact]
    public void Income_at_the_start_is_required_and_amounts_are_checked()
    {
        Assert.Contains("IncomeAtStart", Fields(Check(start: "").Result));
        Assert.Contains("IncomeAtStart", Fields(Check(start: "-5").Result));
        Assert.Contains("IncomeLatest", Fields(Check(latest: "abc", latestOn: "2020-08-01").Result));
        Assert.Contains("IncomeLatest", Fields(Check(latest: "2000000", latestOn: "2020-08-01").Result));
    }

    [Fact]
    public void The_latest_income_goes_with_a_checked_date_not_in_the_future_nor_before_the_programme_year()
    {
        Assert.Contains("IncomeLatestOn", Fields(Check(latest: "4000").Result));
        Assert.Contains("IncomeLatestOn", Fields(Check(latest: "4000", latestOn: "2020-09-02").Result));
        Assert.Contains("IncomeLatestOn", Fields(Check(latest: "4000", latestOn: "2019-12-31").Result));
        Assert.Contains("IncomeLatestOn", Fields(Check(latest: "4000", latestOn: "2020-02-30").Result));
        Assert.Contains("IncomeLatest", Fields(Check(latestOn: "2020-08-01").Result));
        Assert.True(Check(latest: "4000", latestOn: "2020-09-01").Result.Succeeded);
    }

    [Fact]
    public void Invisible_characters_in_a_skill_are_refused() =>
        Assert.Contains("Skill1", Fields(Check(skill1: "沃柑\u202E嫁接").Result));

    [Fact]
    public void Progress_says_the_change_of_income_and_whether_it_reached_the_priority_line()
    {
        var line = Money.FromYuan(3000);
        Assert.Equal("尚未登记最近收入", OutcomeRules.Progress(280000, null, line).Text);
        var up = OutcomeRules.Progress(280000, 420000, line);
        Assert.Equal((140000L, true), (up.ChangeFen!.Value, up.AboveThreshold!.Value));
        Assert.Equal("人均年收入比帮扶前增加1,400.00元，不低于重点扶持收入线（3,000.00元）", up.Text);
        var down = OutcomeRules.Progress(280000, 250000, line);
        Assert.False(down.AboveThreshold);
        Assert.StartsWith("人均年收入比帮扶前减少300.00元，仍低于", down.Text, StringComparison.Ordinal);
        Assert.Null(OutcomeRules.Progress(280000, 280000, Money.Zero).AboveThreshold);
    }
}
