using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class SurveyRulesTests
{
    [Fact]
    public void Town_may_submit_up_to_its_quota()
    {
        Assert.True(SurveyRules.CheckQuota(70, 60, 10).Succeeded);
    }

    [Fact]
    public void Town_cannot_submit_beyond_its_quota_without_reserves()
    {
        var result = SurveyRules.CheckQuota(70, 60, 11);
        Assert.False(result.Succeeded);
        Assert.True(result.IsConflict);
        Assert.Contains("最多还能报送10户", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("列为备选", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2020, 4, 5, "还有4天")]
    [InlineData(2020, 4, 9, "今天")]
    [InlineData(2020, 4, 12, "已逾期3天")]
    public void Deadline_shows_days_left_or_overdue(int y, int m, int d, string expected)
    {
        Assert.Contains(expected, Deadlines.Describe(new DateOnly(2020, 4, 9), new DateOnly(y, m, d)), StringComparison.Ordinal);
    }

    [Fact]
    public void Deadline_met_or_missed_by_the_submission_date()
    {
        Assert.Equal("已于4月9日按时报送（截止4月9日）", Deadlines.Describe(new DateOnly(2020, 4, 9), new DateOnly(2020, 4, 20), new DateOnly(2020, 4, 9)));
        Assert.Contains("逾期1天", Deadlines.Describe(new DateOnly(2020, 4, 9), new DateOnly(2020, 4, 20), new DateOnly(2020, 4, 10)), StringComparison.Ordinal);
        Assert.True(Deadlines.IsOverdue(new DateOnly(2020, 4, 9), new DateOnly(2020, 4, 10)));
        Assert.False(Deadlines.IsOverdue(new DateOnly(2020, 4, 9), new DateOnly(2020, 4, 10), new DateOnly(2020, 4, 8)));
    }

    [Fact]
    public void A_towns_many_households_read_done_on_time_done_with_some_late_or_still_counting()
    {
        DateOnly due = new(2020, 4, 29), later = new(2020, 11, 20);
        Assert.Equal("已全部按时报送（截止4月29日）", Deadlines.DescribeCount(due, later, 55, 0, 0));
        Assert.Equal("已全部报送，其中2户逾期（截止4月29日）", Deadlines.DescribeCount(due, later, 53, 2, 0));
        Assert.Equal(Deadlines.Describe(due, later), Deadlines.DescribeCount(due, later, 50, 0, 5));
        Assert.Equal(Deadlines.Describe(due, new DateOnly(2020, 4, 20)), Deadlines.DescribeCount(due, new DateOnly(2020, 4, 20), 0, 0, 0));
    }
}

public sealed class HouseholdSurveyTransitionsTests
{
    private static readonly Dictionary<string, Area> Areas = DemoData.Areas().ToDictionary(a => a.Code);
    private static readonly Actor Village = new("v", "村", Role.VillageBranch, new AreaScope(AreaLevel.Village, DemoData.LuomanVillage));
    private static readonly Actor OtherVillage = new("g", "古洲村", Role.VillageBranch, new AreaScope(AreaLevel.Village, DemoData.GuzhouVillage));
    private static readonly Actor Town = new("t", "镇", Role.TownCommittee, new AreaScope(AreaLevel.Town, DemoData.Luoman));
    private static readonly Actor OtherTown = new("t2", "流山镇", Role.TownCommittee, new AreaScope(AreaLevel.Town, DemoData.Liushan));
    private static readonly Actor District = new("d", "区残联", Role.DistrictFederation, new AreaScope(AreaLevel.District, DemoData.LiunanDistrict));
    private static readonly Actor Organization = new("o", "组织部", Role.DistrictOrganization, new AreaScope(AreaLevel.District, DemoData.LiunanDistrict));
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static Household Eligible()
    {
        var villages = Areas.Values.Where(a => a.Level == AreaLevel.Village && a.Code == DemoData.LuomanVillage).ToList();
        var programme = DemoData.Liunan2020();
        return DemoData.Households(programme, villages, Areas, 40, At).First(h => h.Screening is ScreeningOutcome.Eligible or ScreeningOutcome.EligiblePriority);
    }

    [Fact]
    public void Town_submits_then_district_accepts()
    {
        var h = Eligible();
        Assert.True(h.SubmitByTown(Town, Guid.NewGuid(), false, At).Succeeded);
        Assert.Equal(HouseholdStatus.SubmittedByTown, h.Status);
        Assert.True(h.AcceptByDistrict(District, null, At).Succeeded);
        Assert.Equal(HouseholdStatus.ReviewedByDistrict, h.Status);
        Assert.Equal([HouseholdStatus.SubmittedByTown, HouseholdStatus.ReviewedByDistrict], h.History.Where(e => e.From != e.To).Skip(1).Select(e => e.To));
    }

    [Fact]
    public void Returned_household_carries_the_reason_and_comes_back_through_the_village()
    {
        var h = Eligible();
        h.SubmitByTown(Town, Guid.NewGuid(), true, At);
        Assert.False(h.ReturnByDistrict(District, "  ", At).Succeeded);
        Assert.True(h.ReturnByDistrict(District, "残疾人证号与身份证不符，请核实", At).Succeeded);
        Assert.Equal(HouseholdStatus.Returned, h.Status);
        Assert.Equal("残疾人证号与身份证不符，请核实", h.ReturnReason);
        Assert.False(h.IsReserve);
        Assert.False(h.ResubmitByVillage(OtherVillage, null, At).Succeeded);
        Assert.True(h.ResubmitByVillage(Village, "已核实", At).Succeeded);
        Assert.Equal(HouseholdStatus.Proposed, h.Status);
    }

    [Fact]
    public void Only_the_right_office_at_the_right_level_moves_a_household()
    {
        var h = Eligible();
        Assert.Contains("乡镇", h.SubmitByTown(Village, Guid.NewGuid(), false, At).Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("管辖范围", h.SubmitByTown(OtherTown, Guid.NewGuid(), false, At).Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("当前状态", h.AcceptByDistrict(District, null, At).Errors[0].Message, StringComparison.Ordinal);
        h.SubmitByTown(Town, Guid.NewGuid(), false, At);
        Assert.False(h.AcceptByDistrict(Organization, null, At).Succeeded);
        Assert.False(h.AcceptByDistrict(Town, null, At).Succeeded);
        Assert.Equal(HouseholdStatus.SubmittedByTown, h.Status);
    }

    [Fact]
    public void Ineligible_household_cannot_be_submitted()
    {
        var villages = Areas.Values.Where(a => a.Code == DemoData.LuomanVillage).ToList();
        var h = DemoData.Households(DemoData.Liunan2020(), villages, Areas, 60, At).First(x => x.Screening == ScreeningOutcome.NotEligible);
        var result = h.SubmitByTown(Town, Guid.NewGuid(), false, At);
        Assert.Contains("不符合条件", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Submitted_household_cannot_be_corrected_by_the_village()
    {
        var h = Eligible();
        h.SubmitByTown(Town, Guid.NewGuid(), false, At);
        var details = new HouseholdDetails(h.Area, null, null, h.Size, h.PerCapitaIncome, h.Poverty, h.ProjectType, h.ProjectDescription, true, true, null, null, h.Members.ToList());
        Assert.Contains("退回", h.Correct(details, Village, At).Errors[0].Message, StringComparison.Ordinal);
    }
}
