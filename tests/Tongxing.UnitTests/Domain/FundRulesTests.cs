using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class FundRulesTests
{
    private static readonly FundShare[] Demo =
        [new(FundSource.Region, 7000, "自治区"), new(FundSource.City, 1000, "市级"), new(FundSource.District, 2000, "区级")];

    private static readonly FundShare[] Thirds =
        [new(FundSource.Region, 3333, ""), new(FundSource.City, 3333, ""), new(FundSource.District, 3334, "")];

    private static Dictionary<FundSource, long> Budget(int households, long subsidyFen, FundShare[] shares) =>
        FundSplitRule.Budget(households, new Money(subsidyFen), shares).ToDictionary(p => p.Source, p => p.Amount.Fen);

    [Fact]
    public void Budget_of_152_households_at_1000_yuan_is_106400_15200_30400_yuan()
    {
        var budget = Budget(152, 100_000, Demo);
        Assert.Equal(10_640_000, budget[FundSource.Region]);
        Assert.Equal(1_520_000, budget[FundSource.City]);
        Assert.Equal(3_040_000, budget[FundSource.District]);
    }

    [Theory]
    [InlineData(1, 100_001)]    // 1000.01 yuan
    [InlineData(152, 100_001)]
    [InlineData(7, 33_333)]     // 333.33 yuan
    [InlineData(1, 1)]          // one fen
    [InlineData(0, 100_000)]    // no household yet
    public void Budget_parts_always_add_up_to_households_times_subsidy(int households, long subsidyFen)
    {
        foreach (var shares in new[] { Demo, Thirds })
        {
            var budget = Budget(households, subsidyFen, shares);
            Assert.Equal(households * subsidyFen, budget.Values.Sum());
            Assert.All(budget.Values, v => Assert.True(v >= 0));
        }
    }

    [Fact]
    public void Odd_fen_of_a_household_go_to_region_then_city_then_district()
    {
        // 1000.01 yuan × 70/10/20: 70000.7, 10000.1, 20000.2 fen rounded down leave 1 fen, which goes to the region.
        var one = Budget(1, 100_001, Demo);
        Assert.Equal(70_001, one[FundSource.Region]);
        Assert.Equal(10_000, one[FundSource.City]);
        Assert.Equal(20_000, one[FundSource.District]);
        // 333.33 yuan × 33.33/33.33/33.34: 11109.89, 11109.89, 11113.22 fen → 11109, 11109, 11113 leave 2 fen: region, city.
        var thirds = Budget(1, 33_333, Thirds);
        Assert.Equal(11_110, thirds[FundSource.Region]);
        Assert.Equal(11_110, thirds[FundSource.City]);
        Assert.Equal(11_113, thirds[FundSource.District]);
        Assert.Equal(3 * 11_110L, Budget(3, 33_333, Thirds)[FundSource.Region]);
    }

    [Fact]
    public void Zero_households_need_nothing_of_any_source()
    {
        Assert.All(Budget(0, 100_000, Demo).Values, v => Assert.Equal(0, v));
    }

    private static AllocationPosition At(long received, long allocated, long townAllocated, long townNeed) =>
        new(FundSource.Region, new Money(received), new Money(allocated), new Money(townAllocated), new Money(townNeed));

    [Fact]
    public void Allocation_within_received_and_need_passes_without_a_reason()
    {
        Assert.True(FundRules.CheckAllocation(At(1_000_000, 400_000, 0, 600_000), new Money(600_000), null).Succeeded);
    }

    [Fact]
    public void Allocation_beyond_the_unallocated_balance_needs_a_reason_naming_source_amounts_and_limit()
    {
        var result = FundRules.CheckAllocation(At(1_000_000, 500_000, 0, 10_000_000), new Money(500_001), null);
        var error = Assert.Single(result.Errors);
        Assert.Equal("Reason", error.Field);
        Assert.Contains("自治区", error.Message, StringComparison.Ordinal);
        Assert.Contains("10,000.00元", error.Message, StringComparison.Ordinal);  // received
        Assert.Contains("5,000.00元", error.Message, StringComparison.Ordinal);   // the balance, the limit
        Assert.Contains("5,000.01元", error.Message, StringComparison.Ordinal);   // this allocation
        Assert.True(FundRules.CheckAllocation(At(1_000_000, 500_000, 0, 10_000_000), new Money(500_001), "市级资金先行垫付").Succeeded);
    }

    [Fact]
    public void Allocation_beyond_the_towns_need_needs_a_reason()
    {
        var result = FundRules.CheckAllocation(At(10_000_000, 0, 700_000, 1_400_000), new Money(700_001), " ");
        var error = Assert.Single(result.Errors);
        Assert.Contains("尚需7,000.00元", error.Message, StringComparison.Ordinal);
        Assert.True(FundRules.CheckAllocation(At(10_000_000, 0, 700_000, 1_400_000), new Money(700_000), null).Succeeded);
    }

    [Fact]
    public void Reversals_count_in_the_balances_they_are_sums_of_signed_lines()
    {
        // Received 10,000 then 10,000 reversed: nothing to allocate; an allocation reversed frees its amount again.
        var received = 1_000_000 - 1_000_000;
        Assert.False(FundRules.CheckAllocation(At(received, 0, 0, 1_000_000), new Money(1), null).Succeeded);
        var allocated = 600_000 - 600_000;
        Assert.True(FundRules.CheckAllocation(At(600_000, allocated, allocated, 600_000), new Money(600_000), null).Succeeded);
    }

    [Fact]
    public void Both_limits_broken_give_two_messages_and_a_non_positive_amount_is_refused()
    {
        Assert.Equal(2, FundRules.CheckAllocation(At(0, 0, 0, 0), new Money(1), null).Errors.Count);
        Assert.Equal("Amount", Assert.Single(FundRules.CheckAllocation(At(0, 0, 0, 0), Money.Zero, "原因").Errors).Field);
        Assert.Equal("Amount", Assert.Single(FundRules.CheckAllocation(At(0, 0, 0, 0), new Money(-5), "原因").Errors).Field);
    }

    [Fact]
    public void Town_shortfall_never_goes_below_zero()
    {
        Assert.Equal(Money.Zero, At(0, 0, 900, 500).TownShortfall);
        Assert.Equal(new Money(400), At(0, 0, 100, 500).TownShortfall);
    }

    [Theory]
    [InlineData("桂财社〔2020〕12号", "自治区财政厅", true)]
    [InlineData("", "自治区财政厅", false)]
    [InlineData("文号\u0007", "自治区财政厅", false)]
    [InlineData("桂财社", "", false)]
    [InlineData("桂财社", "单位\u202E", false)]
    public void Arrival_needs_document_number_and_paying_office_in_plain_text(string document, string office, bool ok)
    {
        Assert.Equal(ok, FundRules.CheckArrival(new Money(100), new DateOnly(2020, 4, 28), new DateOnly(2020, 4, 28), document, office).Succeeded);
    }

    [Fact]
    public void Arrival_in_the_future_or_of_nothing_is_refused_and_long_numbers_are_named()
    {
        var result = FundRules.CheckArrival(Money.Zero, new DateOnly(2020, 4, 29), new DateOnly(2020, 4, 28), new string('号', 51), "区财政局");
        Assert.Equal(["Amount", "On", "DocumentNumber"], result.Errors.Select(e => e.Field));
        Assert.Contains("50", result.Errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reversal_needs_a_reason()
    {
        Assert.False(FundRules.CheckReversalReason(null).Succeeded);
        Assert.False(FundRules.CheckReversalReason(new string('因', 501)).Succeeded);
        Assert.True(FundRules.CheckReversalReason("金额录入错误").Succeeded);
    }

    [Fact]
    public void Days_left_to_the_deadline_count_down_and_go_negative_when_overdue()
    {
        Assert.Equal(10, FundRules.DaysLeft(new DateOnly(2020, 5, 7), new DateOnly(2020, 4, 27)));
        Assert.Equal(0, FundRules.DaysLeft(new DateOnly(2020, 5, 7), new DateOnly(2020, 5, 7)));
        Assert.Equal(-2, FundRules.DaysLeft(new DateOnly(2020, 5, 7), new DateOnly(2020, 5, 9)));
    }
}
