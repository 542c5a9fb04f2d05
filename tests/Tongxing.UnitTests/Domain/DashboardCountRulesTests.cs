using Tongxing.Web.Domain;
using static Tongxing.Web.Domain.DashboardCountRules;

namespace Tongxing.UnitTests.Domain;

public sealed class DashboardCountRulesTests
{
    private static readonly Place Village = new(7, "450204000000", "450204100000", "450204100201");

    [Fact]
    public void A_household_counts_in_its_status_as_paired_once_its_visits_are_scheduled_and_as_visited_only_when_paired_or_assessed()
    {
        var paired = OfHousehold(Village, HouseholdStatus.Paired, visitsScheduled: true, returnVisited: true).Select(d => d.Key.Measure).ToList();
        Assert.Equal([DashboardMeasure.InStatus(HouseholdStatus.Paired), DashboardMeasure.Paired, DashboardMeasure.Visited], paired);
        // A household withdrawn after a return visit is no longer 已回访 (the funnel counts only 已结对 and 已评估).
        var withdrawn = OfHousehold(Village, HouseholdStatus.Withdrawn, visitsScheduled: false, returnVisited: true).Select(d => d.Key.Measure).ToList();
        Assert.Equal([DashboardMeasure.InStatus(HouseholdStatus.Withdrawn)], withdrawn);
    }

    [Fact]
    public void Only_paid_payments_count_and_a_receipt_counts_only_on_a_paid_one()
    {
        Assert.Empty(OfPayment(Village, PaymentState.Reversed, receipted: true));
        Assert.Empty(OfPayment(Village, PaymentState.Failed, receipted: false));
        Assert.Equal([DashboardMeasure.Paid, DashboardMeasure.Receipted], OfPayment(Village, PaymentState.Paid, receipted: true).Select(d => d.Key.Measure));
    }

    [Fact]
    public void A_pairing_lacks_an_agreement_only_while_live_and_unsigned()
    {
        Assert.Single(OfPairing(Village, ended: false, agreementStored: false));
        Assert.Empty(OfPairing(Village, ended: true, agreementStored: false));
        Assert.Empty(OfPairing(Village, ended: false, agreementStored: true));
    }

    [Fact]
    public void Ledger_lines_add_their_amount_per_kind_and_source_and_failed_payments_are_left_out()
    {
        var arrival = new Place(7, "450204000000", null, null);
        var line = Assert.Single(OfFundEntry(arrival, FundEntryKind.Arrival, FundSource.City, 70_000_00));
        Assert.Equal(new CountKey(7, "450204000000", "", "", DashboardMeasure.Fund(FundEntryKind.Arrival, FundSource.City)), line.Key);
        Assert.Equal(70_000_00, line.Amount);
        Assert.Empty(OfFundEntry(Village, FundEntryKind.PaymentFailed, FundSource.City, 700_00));
        Assert.NotEqual(DashboardMeasure.Fund(FundEntryKind.Arrival, FundSource.City), DashboardMeasure.Fund(FundEntryKind.Allocation, FundSource.City));
    }

    [Fact]
    public void A_status_change_moves_one_household_from_one_count_to_the_other_and_what_cancels_is_not_written()
    {
        var before = OfHousehold(Village, HouseholdStatus.Filed, false, false);
        var after = OfHousehold(Village, HouseholdStatus.Paid, false, false);
        var net = Net(Removed(before).Concat(after));
        Assert.Equal([(DashboardMeasure.InStatus(HouseholdStatus.Filed), -1L), (DashboardMeasure.InStatus(HouseholdStatus.Paid), 1L)], net.Select(d => (d.Key.Measure, d.Count)));
        Assert.Empty(Net(Removed(before).Concat(before)));
    }

    [Fact]
    public void Deltas_are_summed_per_count_and_ordered_by_key_so_that_two_saves_lock_counts_in_the_same_order()
    {
        var other = Village with { VillageCode = "450204100200" };
        var net = Net([.. OfHousehold(Village, HouseholdStatus.Filed, false, false), .. OfHousehold(other, HouseholdStatus.Filed, false, false),
            .. OfHousehold(Village, HouseholdStatus.Filed, false, false)]);
        Assert.Equal([("450204100200", 1L), ("450204100201", 2L)], net.Select(d => (d.Key.VillageCode, d.Count)));
        Assert.Equal(HouseholdStatus.Filed, DashboardMeasure.StatusOf(net[0].Key.Measure));
        Assert.Null(DashboardMeasure.StatusOf(DashboardMeasure.Paid));
        Assert.Null(DashboardMeasure.StatusOf(DashboardMeasure.Fund(FundEntryKind.Payment, FundSource.Region)));
    }

    [Fact]
    public void Every_delta_is_kept_for_its_village_and_once_more_for_its_town_and_its_district_total()
    {
        var sameTown = Village with { VillageCode = "450204100202" };
        var otherTown = Village with { TownCode = "450204101000", VillageCode = "450204101001" };
        var net = Net(WithTotals([.. OfHousehold(Village, HouseholdStatus.Filed, false, false), .. OfHousehold(sameTown, HouseholdStatus.Filed, false, false),
            .. OfHousehold(otherTown, HouseholdStatus.Filed, false, false)]));
        var filed = DashboardMeasure.InStatus(HouseholdStatus.Filed);
        var district = Assert.Single(net, d => d.Key.TownCode == Total);
        Assert.Equal((Village.DistrictCode, Total, filed, 3L), (district.Key.DistrictCode, district.Key.VillageCode, district.Key.Measure, district.Count));
        var towns = net.Where(d => d.Key.TownCode != Total && d.Key.VillageCode == Total).Select(d => (d.Key.TownCode, d.Count)).ToList();
        Assert.Equal([(Village.TownCode!, 2L), (otherTown.TownCode!, 1L)], towns);
        Assert.Equal(3 + 2 + 1, net.Count);
        // A household moving between villages of one town leaves the town's and the district's totals as they were; between
        // towns, only the district's.
        var withinTown = Net(WithTotals([.. Removed(OfHousehold(Village, HouseholdStatus.Filed, false, false)), .. OfHousehold(sameTown, HouseholdStatus.Filed, false, false)]));
        Assert.DoesNotContain(withinTown, d => d.Key.VillageCode == Total);
        var acrossTowns = Net(WithTotals([.. Removed(OfHousehold(Village, HouseholdStatus.Filed, false, false)), .. OfHousehold(otherTown, HouseholdStatus.Filed, false, false)]));
        Assert.DoesNotContain(acrossTowns, d => d.Key.TownCode == Total);
        Assert.Equal([(Village.TownCode!, -1L), (otherTown.TownCode!, 1L)], acrossTowns.Where(d => d.Key.VillageCode == Total).Select(d => (d.Key.TownCode, d.Count)));
    }

    [Fact]
    public void Every_measure_is_described_in_words_and_only_the_ledgers_carry_money()
    {
        Assert.Equal("“已备案”户数", DashboardMeasure.Describe(DashboardMeasure.InStatus(HouseholdStatus.Filed)));
        Assert.Equal("有帮扶人的户数", DashboardMeasure.Describe(DashboardMeasure.Paired));
        Assert.Equal("自治区资金下拨", DashboardMeasure.Describe(DashboardMeasure.Fund(FundEntryKind.Allocation, FundSource.Region)));
        Assert.True(DashboardMeasure.IsMoney(DashboardMeasure.Fund(FundEntryKind.Arrival, FundSource.District)));
        Assert.False(DashboardMeasure.IsMoney(DashboardMeasure.InStatus(HouseholdStatus.Paid)));
        // Every status measure lies between the bounds the programme summary sums over in SQL.
        Assert.All(Enum.GetValues<HouseholdStatus>(), s => Assert.InRange(DashboardMeasure.InStatus(s), DashboardMeasure.StatusesAbove + 1, DashboardMeasure.StatusesBelow - 1));
    }
}
