using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Features;

public sealed class DemoPhaseTests
{
    private static List<Household> Seeded()
    {
        var areas = DemoData.Areas().ToDictionary(a => a.Code);
        var villages = areas.Values.Where(a => a.Level == AreaLevel.Village).OrderBy(a => a.Code).ToList();
        return [.. DemoData.Households(DemoData.Liunan2020(), villages, areas, 200, DateTimeOffset.UnixEpoch)];
    }

    [Fact]
    public void A_demo_started_before_the_funds_phase_files_nobody()
    {
        var households = Seeded();
        DemoData.PlaceForLaterPhase(DemoData.Liunan2020(), households, new DateOnly(2020, 4, 26), DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain(households, h => h.Status != HouseholdStatus.Proposed || h.BankAccountNumber is not null);
    }

    [Fact]
    public void A_demo_started_in_the_funds_phase_files_eligible_households_within_each_towns_quota_most_with_an_account()
    {
        var programme = DemoData.Liunan2020();
        var households = Seeded();
        DemoData.PlaceForLaterPhase(programme, households, new DateOnly(2020, 4, 27), DateTimeOffset.UnixEpoch);
        var filed = households.Where(h => h.Status == HouseholdStatus.Filed).ToList();
        Assert.NotEmpty(filed);
        Assert.All(filed, h => Assert.Contains(h.Screening, new ScreeningOutcome?[] { ScreeningOutcome.Eligible, ScreeningOutcome.EligiblePriority }));
        Assert.All(filed.GroupBy(h => h.TownCode), t => Assert.True(t.Count() <= programme.QuotaOf(t.Key)));
        Assert.InRange(filed.Count(h => h.BankAccountNumber is not null), filed.Count * 5 / 6, filed.Count - 1);
        Assert.All(filed.Where(h => h.BankAccountNumber is not null), h => Assert.True(BankAccount.Check(h.BankAccountName, h.BankAccountNumber, h.BankName).Result.Succeeded));
        Assert.All(filed, h => Assert.Contains(h.History, e => e.Comment!.StartsWith("演示数据", StringComparison.Ordinal)));
    }
}
