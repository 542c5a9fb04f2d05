using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class FundCommitmentTests
{
    private static Dictionary<FundSource, Money> Yuan(long region, long city, long district) => new()
    {
        [FundSource.Region] = Money.FromYuan(region),
        [FundSource.City] = Money.FromYuan(city),
        [FundSource.District] = Money.FromYuan(district),
    };

    [Fact]
    public void A_town_commits_no_more_of_a_source_than_it_was_allocated()
    {
        var shares = DemoData.Liunan2020().FundShares;
        var oneHousehold = FundSplitRule.Split(Money.FromYuan(1000), shares);
        Assert.True(FundRules.CheckCommitment("洛满镇", Yuan(1400, 200, 400), Yuan(700, 100, 200), oneHousehold).Succeeded);
        var refused = FundRules.CheckCommitment("洛满镇", Yuan(1400, 200, 399), Yuan(700, 100, 200), oneHousehold);
        Assert.False(refused.Succeeded);
        var message = Assert.Single(refused.Errors).Message;
        Assert.Contains("洛满镇区级资金已下拨399.00元，已提交银行或已发放200.00元，尚余199.00元；本次需200.00元，超出1.00元", message);
        Assert.False(FundRules.CheckCommitment("洛满镇", new Dictionary<FundSource, Money>(), Yuan(0, 0, 0), oneHousehold).Succeeded);
    }

    [Fact]
    public void A_payment_is_at_least_the_subsidy_and_at_most_the_configured_multiple()
    {
        var programme = DemoData.Liunan2020();
        var areas = DemoData.Areas().ToDictionary(a => a.Code);
        var household = DemoData.Households(programme, [areas[DemoData.LuomanVillage]], areas, 1, DateTimeOffset.UnixEpoch).Single();
        household.ForceStatusForLoadTest(HouseholdStatus.Filed);
        Assert.True(Payment.CanPay(household, Money.FromYuan(2000), programme, 2).Succeeded);
        Assert.Contains("超过每户扶持资金的2倍", Payment.CanPay(household, new Money(200_001), programme, 2).Errors[0].Message);
        Assert.Contains("低于本项目每户扶持资金", Payment.CanPay(household, Money.FromYuan(999), programme, 2).Errors[0].Message);
        Assert.False(Payment.CanPay(household, Money.FromYuan(1500), programme, 1).Succeeded);
    }

    [Fact]
    public void An_entry_still_at_the_bank_is_not_reversed_a_paid_one_is()
    {
        var programme = DemoData.Liunan2020();
        var areas = DemoData.Areas().ToDictionary(a => a.Code);
        var household = DemoData.Households(programme, [areas[DemoData.LuomanVillage]], areas, 1, DateTimeOffset.UnixEpoch).Single();
        household.ForceStatusForLoadTest(HouseholdStatus.Filed);
        var town = new Actor("t", "镇", Role.TownCommittee, new AreaScope(AreaLevel.Town, DemoData.Luoman));
        var batch = new PaymentBatch(programme.Id, household.Area, 1, "第一批", town, DateTimeOffset.UnixEpoch);
        var payment = Payment.InBatch(household, batch, 1, programme.SubsidyPerHousehold, programme.FundShares, town, DateTimeOffset.UnixEpoch);
        payment.MarkSent();
        Assert.False(payment.CanBeReversed);
        var atBank = payment.Reverse("账号有误", DateTimeOffset.UnixEpoch);
        Assert.True(atBank.IsConflict);
        Assert.Equal(household.Id, payment.LiveHouseholdId);
        Assert.True(payment.RecordPaid(new DateOnly(2020, 5, 4), "B1", DateTimeOffset.UnixEpoch).Succeeded);
        Assert.True(payment.CanBeReversed);
        Assert.True(payment.Reverse("银行回单有误", DateTimeOffset.UnixEpoch).Succeeded);
        Assert.Null(payment.LiveHouseholdId);
    }
}
