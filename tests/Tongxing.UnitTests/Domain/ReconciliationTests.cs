using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class ReconciliationTests
{
    private static readonly FundShare[] Shares = [new(FundSource.Region, 7000, ""), new(FundSource.City, 1000, ""), new(FundSource.District, 2000, "")];
    private static readonly Money Subsidy = Money.FromYuan(1000);
    private static readonly FundsDeadline BeforeDeadline = new(new DateOnly(2020, 5, 7), new DateOnly(2020, 5, 1));
    private static readonly FundsDeadline AfterDeadline = new(new DateOnly(2020, 5, 7), new DateOnly(2020, 5, 10));
    private const string Luoman = "450204101000", Liushan = "450204102000";

    private static string Name(string code) => code == Luoman ? "洛满镇" : "流山镇";

    private static Money Need(int households, FundSource s) => Reconciliation.Need(households, Subsidy, Shares, s);

    /// <summary>
    /// A district whose two towns have <paramref name="luoman"/> and <paramref name="liushan"/> filed households, that
    /// received and allocated exactly what they need and paid every one of them, each with a receipt.
    /// </summary>
    private static (List<SourceTotals> Sources, List<TownSourceTotals> Towns, List<TownCounts> Counts) PaidEveryone(int luoman, int liushan)
    {
        var sources = Enum.GetValues<FundSource>().Select(s => new SourceTotals(s, Need(luoman + liushan, s), Need(luoman + liushan, s), Need(luoman + liushan, s), Money.Zero)).ToList();
        var towns = Enum.GetValues<FundSource>().SelectMany(s => new[]
        {
            new TownSourceTotals(Luoman, s, Need(luoman, s), Need(luoman, s), Money.Zero, Need(luoman, s)),
            new TownSourceTotals(Liushan, s, Need(liushan, s), Need(liushan, s), Money.Zero, Need(liushan, s)),
        }).ToList();
        var counts = new List<TownCounts> { new(Luoman, luoman, 0, 0, 0, 0, 0), new(Liushan, liushan, 0, 0, 0, 0, 0) };
        return (sources, towns, counts);
    }

    [Theory]
    [InlineData(152, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 0)]
    [InlineData(77, 75)]
    public void A_district_that_paid_everyone_reconciles_to_zero_with_no_flag(int luoman, int liushan)
    {
        var (sources, towns, counts) = PaidEveryone(luoman, liushan);
        var flags = Reconciliation.Check(sources, towns, counts, AfterDeadline, Name);
        Assert.Empty(flags);
        Assert.All(sources, s => Assert.Equal(Money.Zero, s.DistrictRemaining));
        Assert.All(sources, s => Assert.Equal(Money.Zero, s.TownsRemaining));
        Assert.All(towns, t => Assert.Equal(Money.Zero, t.Remaining));
        Assert.True(Reconciliation.Balanced(Luoman, flags));
        Assert.True(Reconciliation.Balanced(Liushan, flags));
    }

    [Fact]
    public void The_need_of_152_households_is_the_plan_s_split_and_adds_up()
    {
        Assert.Equal(Money.FromYuan(106_400), Need(152, FundSource.Region));
        Assert.Equal(Money.FromYuan(15_200), Need(152, FundSource.City));
        Assert.Equal(Money.FromYuan(30_400), Need(152, FundSource.District));
        Assert.Equal(Money.Zero, Need(0, FundSource.Region));
    }

    [Fact]
    public void Odd_amounts_split_with_the_fen_left_over_going_region_first_and_the_needs_still_add_up()
    {
        Money subsidy = new(100_001);
        var needs = Enum.GetValues<FundSource>().Select(s => Reconciliation.Need(3, subsidy, Shares, s)).ToArray();
        Assert.Equal(new Money(3 * 100_001), needs.Aggregate(Money.Zero, (a, b) => a + b));
        Assert.Equal(new Money(3 * 70_001), needs[0]);
    }

    [Fact]
    public void Allocating_more_than_received_is_flagged_per_source()
    {
        var (sources, towns, counts) = PaidEveryone(10, 0);
        sources[1] = sources[1] with { Received = sources[1].Received - new Money(1) };
        var flag = Assert.Single(Reconciliation.Check(sources, towns, counts, BeforeDeadline, Name));
        Assert.Equal(FlagKind.AllocatedMoreThanReceived, flag.Kind);
        Assert.Equal(FundSource.City, flag.Source);
        Assert.Equal(new Money(1), flag.Amount);
        Assert.Equal("市级资金已下拨1,000.00元，超过到账999.99元（超出0.01元）", flag.Message);
        Assert.Equal(new Money(-1), sources[1].DistrictRemaining);
    }

    [Fact]
    public void Paying_more_than_allocated_is_flagged_per_town_and_source_and_the_town_is_not_balanced()
    {
        var (sources, towns, counts) = PaidEveryone(3, 2);
        var i = towns.FindIndex(t => t.TownCode == Liushan && t.Source == FundSource.District);
        towns[i] = towns[i] with { Paid = towns[i].Paid + Money.FromYuan(200) };
        var flags = Reconciliation.Check(sources, towns, counts, BeforeDeadline, Name);
        var flag = Assert.Single(flags);
        Assert.Equal((FlagKind.PaidMoreThanAllocated, Liushan, FundSource.District), (flag.Kind, flag.TownCode, flag.Source));
        Assert.Equal("流山镇区级资金已发放600.00元，超过下拨400.00元（超出200.00元）", flag.Message);
        Assert.False(Reconciliation.Balanced(Liushan, flags));
        Assert.True(Reconciliation.Balanced(Luoman, flags));
    }

    [Fact]
    public void Filed_but_unpaid_households_are_counted_per_town_with_days_left_and_overdue_after_the_deadline()
    {
        var (sources, towns, counts) = PaidEveryone(3, 2);
        counts[0] = counts[0] with { Unpaid = 2 };
        var before = Assert.Single(Reconciliation.Check(sources, towns, counts, BeforeDeadline, Name));
        Assert.Equal((FlagKind.FiledUnpaid, Luoman, 2, false), (before.Kind, before.TownCode, before.Count, before.Overdue));
        Assert.Equal("洛满镇有2户已备案未发放，距发放期限（5月7日）还有6天", before.Message);
        var after = Assert.Single(Reconciliation.Check(sources, towns, counts, AfterDeadline, Name));
        Assert.True(after.Overdue);
        Assert.Equal("洛满镇已超过发放期限（5月7日）3天，仍有2户已备案未发放", after.Message);
        var none = Assert.Single(Reconciliation.Check(sources, towns, counts, new FundsDeadline(null, new DateOnly(2020, 5, 1)), Name));
        Assert.Equal("洛满镇有2户已备案未发放", none.Message);
    }

    [Fact]
    public void On_the_deadline_day_no_day_is_left_and_nothing_is_overdue_yet()
    {
        var on = new FundsDeadline(new DateOnly(2020, 5, 7), new DateOnly(2020, 5, 7));
        Assert.Equal(0, on.DaysLeft);
        Assert.False(on.Overdue);
    }

    [Theory]
    [InlineData(FlagKind.PaidNotFiled, "洛满镇有1笔资金发放给了未备案（或已退回、已撤销）的对象")]
    [InlineData(FlagKind.PaidWithoutReceipt, "洛满镇有1户已发放未签收")]
    [InlineData(FlagKind.LinesNotMatchingAmount, "洛满镇有1笔已发放资金的台账金额与发放金额不符")]
    [InlineData(FlagKind.LinesWithoutLivePayment, "洛满镇有1笔已失败或已冲销的发放，台账上的发放记录未冲销")]
    public void Each_count_of_a_town_raises_its_flag(FlagKind kind, string message)
    {
        var (sources, towns, counts) = PaidEveryone(3, 2);
        counts[0] = kind switch
        {
            FlagKind.PaidNotFiled => counts[0] with { PaidNotFiled = 1 },
            FlagKind.PaidWithoutReceipt => counts[0] with { PaidWithoutReceipt = 1 },
            FlagKind.LinesNotMatchingAmount => counts[0] with { LinesNotMatchingAmount = 1 },
            _ => counts[0] with { LinesWithoutLivePayment = 1 },
        };
        var flag = Assert.Single(Reconciliation.Check(sources, towns, counts, BeforeDeadline, Name));
        Assert.Equal((kind, Luoman, 1, message), (flag.Kind, flag.TownCode, flag.Count, flag.Message));
    }

    [Fact]
    public void A_reversed_payment_leaves_money_at_the_town_which_is_flagged_only_once_everyone_is_paid()
    {
        // One of three households had its payment reversed: the town holds its part again and the household is unpaid.
        var (sources, towns, counts) = PaidEveryone(3, 0);
        for (var i = 0; i < towns.Count; i++)
        {
            if (towns[i].TownCode == Luoman)
            {
                towns[i] = towns[i] with { Paid = towns[i].Paid - Need(1, towns[i].Source) };
            }
        }
        sources = sources.Select(s => s with { Paid = s.Paid - Need(1, s.Source) }).ToList();
        counts[0] = counts[0] with { Unpaid = 1 };
        var flag = Assert.Single(Reconciliation.Check(sources, towns, counts, BeforeDeadline, Name));
        Assert.Equal(FlagKind.FiledUnpaid, flag.Kind);
        Assert.Equal(Money.FromYuan(700), towns.Single(t => t.TownCode == Luoman && t.Source == FundSource.Region).Remaining);
        Assert.Equal(Money.FromYuan(700), sources[0].TownsRemaining);

        // Were the household withdrawn instead, nothing is unpaid and the money left at the town is a surplus.
        counts[0] = counts[0] with { Unpaid = 0, Filed = 2 };
        var surplus = Reconciliation.Check(sources, towns, counts, BeforeDeadline, Name);
        Assert.Equal(3, surplus.Count);
        Assert.All(surplus, f => Assert.Equal(FlagKind.TownSurplus, f.Kind));
        Assert.Equal("洛满镇已备案对象均已发放，自治区资金仍结余700.00元", surplus[0].Message);
    }

    [Fact]
    public void Money_received_and_never_allocated_is_a_district_surplus_once_everyone_is_paid()
    {
        var (sources, towns, counts) = PaidEveryone(1, 1);
        sources[2] = sources[2] with { Received = sources[2].Received + Money.FromYuan(50) };
        var flag = Assert.Single(Reconciliation.Check(sources, towns, counts, BeforeDeadline, Name));
        Assert.Equal((FlagKind.DistrictSurplus, (string?)null, FundSource.District), (flag.Kind, flag.TownCode, flag.Source));
        Assert.Equal("已备案对象均已发放，区级资金到账后仍有50.00元未下拨", flag.Message);
        // While households are still unpaid, unallocated money is simply still to be allocated.
        counts[0] = counts[0] with { Unpaid = 1 };
        Assert.DoesNotContain(Reconciliation.Check(sources, towns, counts, BeforeDeadline, Name), f => f.Kind == FlagKind.DistrictSurplus);
    }

    [Fact]
    public void Zero_households_and_no_money_reconcile_to_zero()
    {
        var flags = Reconciliation.Check([], [], [TownCounts.None(Luoman)], AfterDeadline, Name);
        Assert.Empty(flags);
        Assert.True(Reconciliation.Balanced(Luoman, flags));
    }
}
