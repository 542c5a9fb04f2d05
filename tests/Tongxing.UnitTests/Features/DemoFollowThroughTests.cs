using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Features;

/// <summary>A demo started later in the year finds the money paid, the pairings signed and the visits made up to its day, through the model's rules.</summary>
public sealed class DemoFollowThroughTests
{
    private static (Programme Programme, List<Household> Households, DemoFollowThrough.Paid Paid, List<Pairing> Pairings) Seeded(DateOnly today)
    {
        var programme = DemoData.Liunan2020();
        var areas = DemoData.Areas().ToDictionary(a => a.Code);
        var villages = areas.Values.Where(a => a.Level == AreaLevel.Village).OrderBy(a => a.Code).ToList();
        var households = DemoData.Households(programme, villages, areas, 200, DateTimeOffset.UnixEpoch).ToList();
        DemoFollowThrough.FileForLaterPhase(programme, households, areas, Tongxing.Web.Data.CalendarStore.ShippedCalendar(), today, null);
        var paid = DemoFollowThrough.PayForLaterPhase(programme, households, today, "scan.jpg");
        var (_, pairings) = DemoData.PairForLaterPhase(programme, households, villages, areas, "account", today, DateTimeOffset.UnixEpoch);
        return (programme, households, paid, pairings);
    }

    [Fact]
    public void Until_the_funds_deadline_nothing_is_paid()
    {
        var (_, households, paid, _) = Seeded(new DateOnly(2020, 5, 7));
        Assert.Empty(paid.Payments);
        Assert.Empty(paid.Lines);
        Assert.DoesNotContain(households, h => h.Status == HouseholdStatus.Paid);
    }

    [Fact]
    public void After_it_the_money_arrived_in_full_each_town_got_its_share_and_every_filed_household_is_paid()
    {
        var (programme, households, paid, _) = Seeded(new DateOnly(2020, 5, 8));
        var arrivals = paid.Lines.Where(l => l.Kind == FundEntryKind.Arrival).ToList();
        Assert.Equal(programme.TotalSubsidy.Fen, arrivals.Sum(l => l.Fen));
        // Each town is allocated what its filed households need (按需下拨), less than its quota's money where fewer are filed.
        var filed = households.Count(h => h.TownCode == DemoData.Luoman && h.Status is HouseholdStatus.Filed or HouseholdStatus.Paid or HouseholdStatus.Paired);
        Assert.InRange(filed, 1, programme.QuotaOf(DemoData.Luoman));
        Assert.Equal(filed * programme.SubsidyPerHousehold.Fen,
            paid.Lines.Where(l => l.Kind == FundEntryKind.Allocation && l.TownCode == DemoData.Luoman).Sum(l => l.Fen));
        Assert.All(arrivals, a => Assert.Equal(FundRules.DefaultPayingOffice(a.Source), a.PayingOffice));
        Assert.Equal(paid.Payments.Count, paid.Payments.Select(p => p.BankReference).Distinct().Count());
        Assert.NotEmpty(paid.Payments);
        Assert.All(paid.Payments, p => Assert.Equal(PaymentState.Paid, p.State));
        Assert.Equal(paid.Payments.Count, households.Count(h => h.Status is HouseholdStatus.Paid or HouseholdStatus.Paired));
        // Those filed without an account had it recorded by their village after the money arrived, and were paid too.
        Assert.DoesNotContain(households, h => h.Status == HouseholdStatus.Filed);
        Assert.All(households.Where(h => h.Status is HouseholdStatus.Paid or HouseholdStatus.Paired), h => Assert.NotNull(h.BankAccountNumber));
        Assert.InRange(paid.Payments.Count(p => p.ReceiptKind is not null), paid.Payments.Count * 2 / 3, paid.Payments.Count - 1);
        Assert.Equal(paid.Payments.Sum(p => p.Amount.Fen), paid.Lines.Where(l => l.Kind == FundEntryKind.Payment).Sum(l => l.Fen));
    }

    [Fact]
    public void By_late_November_most_agreements_are_signed_visits_were_made_every_interval_and_some_households_are_overdue()
    {
        var today = new DateOnly(2020, 11, 20);
        var (programme, households, paid, pairings) = Seeded(today);
        // Most paid households' projects recorded under way (项目落实) after the money, some left for the town's list.
        Assert.InRange(paid.Starts.Count, paid.Payments.Count * 3 / 4, paid.Payments.Count - 1);
        Assert.All(paid.Starts, s => Assert.True(s.StartedOn > paid.Payments.Single(p => p.HouseholdId == s.HouseholdId).PaidOn));
        var (visits, logs) = DemoFollowThrough.FollowUpForLaterPhase(programme, households, pairings, today, "scan.jpg", DateTimeOffset.UnixEpoch);
        Assert.InRange(pairings.Count(p => p.AgreementSigned), pairings.Count * 2 / 3, pairings.Count - 1);
        Assert.NotEmpty(logs);
        Assert.All(visits, v => Assert.True(v.On <= today));
        var schedule = VisitSchedule.Of(programme);
        var paired = households.Where(h => h.VisitsFrom is not null).ToList();
        var overdue = paired.Count(h => schedule.StateOf(h.VisitsFrom, today) == VisitState.Overdue);
        Assert.InRange(overdue, 1, paired.Count / 5);
        Assert.Contains(households, h => h.Status == HouseholdStatus.Paired);
    }

    [Fact]
    public void Before_the_pairing_deadline_there_is_no_follow_up_yet()
    {
        var today = new DateOnly(2020, 5, 20);
        var (programme, households, _, pairings) = Seeded(today);
        var (visits, logs) = DemoFollowThrough.FollowUpForLaterPhase(programme, households, pairings, today, "scan.jpg", DateTimeOffset.UnixEpoch);
        Assert.Empty(visits);
        Assert.Empty(logs);
        Assert.All(pairings, p => Assert.False(p.AgreementSigned));
    }
}
