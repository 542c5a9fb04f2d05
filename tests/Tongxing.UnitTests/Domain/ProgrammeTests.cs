using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class ProgrammeTests
{
    [Fact]
    public void Liunan_2020_is_configured_as_the_plan_says()
    {
        var p = DemoData.Liunan2020();
        Assert.True(p.Validate().Succeeded);
        Assert.Equal(152, p.Quota);
        Assert.Equal([70, 82], p.TownQuotas.OrderBy(q => q.TownCode).Select(q => q.Quota));
        Assert.Equal(Money.FromYuan(152_000), p.TotalSubsidy);
        Assert.Equal((16, 59), p.WorkingAge(Gender.Male));
        Assert.Equal((16, 54), p.WorkingAge(Gender.Female));
        Assert.Equal(new DateOnly(2020, 4, 9), p.Phases.Single(x => x.Phase == ProgrammePhase.Survey).Deadline);
        Assert.Equal(new DateOnly(2020, 5, 27), p.Phases.Single(x => x.Phase == ProgrammePhase.Pairing).Deadline);
    }

    [Fact]
    public void Fund_split_follows_the_configured_shares()
    {
        var split = DemoData.Liunan2020().FundSplit();
        Assert.Equal(
            [(FundSource.Region, Money.FromYuan(106_400)), (FundSource.City, Money.FromYuan(15_200)), (FundSource.District, Money.FromYuan(30_400))],
            split);
    }

    [Fact]
    public void Changed_shares_change_the_split_without_code_changes()
    {
        var p = DemoData.Liunan2020();
        p.SetFundShare(FundSource.Region, 6000, "");
        p.SetFundShare(FundSource.District, 3000, "");
        Assert.Equal(Money.FromYuan(91_200), p.FundSplit()[0].Amount);
    }

    [Fact]
    public void Town_quotas_that_do_not_add_up_to_the_district_quota_are_flagged()
    {
        var p = DemoData.Liunan2020();
        p.SetTownQuota(DemoData.Luoman, 60);
        var result = p.Validate();
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Message.Contains("各镇任务数之和", StringComparison.Ordinal));
    }

    [Fact]
    public void Shares_not_adding_to_100_percent_are_flagged()
    {
        var p = DemoData.Liunan2020();
        p.SetFundShare(FundSource.City, 500, "");
        Assert.Contains(p.Validate().Errors, e => e.Field == nameof(Programme.FundShares));
    }
}
