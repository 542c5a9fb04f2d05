using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Features;

/// <summary>The demo started in the pairing phase: helpers in every village with filed households, most of those paired, bangfuren with 2 of them.</summary>
public sealed class DemoPairingTests
{
    private static (Programme Programme, List<Household> Households, List<Area> Villages, Dictionary<string, Area> Areas) Seeded(DateOnly today)
    {
        var programme = DemoData.Liunan2020();
        var areas = DemoData.Areas().ToDictionary(a => a.Code);
        var villages = areas.Values.Where(a => a.Level == AreaLevel.Village).OrderBy(a => a.Code).ToList();
        var households = DemoData.Households(programme, villages, areas, 200, DateTimeOffset.UnixEpoch).ToList();
        DemoFollowThrough.FileForLaterPhase(programme, households, areas, Tongxing.Web.Data.CalendarStore.ShippedCalendar(), today, null);
        return (programme, households, villages, areas);
    }

    [Fact]
    public void Before_the_pairing_phase_the_demo_registers_no_helper()
    {
        var (programme, households, villages, areas) = Seeded(new DateOnly(2020, 5, 6));
        var (helpers, pairings) = DemoData.PairForLaterPhase(programme, households, villages, areas, "account", new DateOnly(2020, 5, 6), DateTimeOffset.UnixEpoch);
        Assert.Empty(helpers);
        Assert.Empty(pairings);
    }

    [Fact]
    public void In_the_pairing_phase_most_filed_households_are_paired_within_the_limits_and_bangfuren_has_two()
    {
        var today = new DateOnly(2020, 5, 20);
        var (programme, households, villages, areas) = Seeded(today);
        var (helpers, pairings) = DemoData.PairForLaterPhase(programme, households, villages, areas, "account", today, DateTimeOffset.UnixEpoch);
        var filed = households.Where(h => PairingRules.CanBePaired(h.Status)).ToList();
        Assert.All(helpers.GroupBy(h => h.VillageCode), v => Assert.InRange(v.Count(), 2, 3));
        Assert.All(helpers, h => Assert.InRange(h.ActiveHouseholds, 0, programme.MaxHouseholdsPerHelper));
        Assert.All(filed, h => Assert.InRange(h.HelperCount, 0, programme.MaxHelpers));
        Assert.InRange(filed.Count(h => h.HelperCount > 0), filed.Count / 2, filed.Count - 1);
        Assert.All(pairings, p => Assert.False(p.AgreementSigned));
        var luo = Assert.Single(helpers, h => h.UserId == "account");
        Assert.Equal("陆永福", luo.Name);
        Assert.Equal(DemoData.LuomanVillage, luo.VillageCode);
        Assert.Equal(2, pairings.Count(p => p.HelperId == luo.Id));
        Assert.All(pairings, p => Assert.Equal(helpers.Single(h => h.Id == p.HelperId).VillageCode, p.VillageCode));
    }
}
