using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Features;

public sealed class DemoPhaseTests
{
    private static readonly Dictionary<string, Area> Areas = DemoData.Areas().ToDictionary(a => a.Code);

    private static List<Household> Seeded(Programme programme, DateOnly today)
    {
        var villages = Areas.Values.Where(a => a.Level == AreaLevel.Village).OrderBy(a => a.Code).ToList();
        return [.. DemoData.Households(programme, villages, Areas, 200, DemoFollowThrough.ProposedAt(programme, today) ?? DateTimeOffset.UnixEpoch)];
    }

    [Fact]
    public void A_demo_started_before_the_funds_phase_files_nobody()
    {
        var programme = DemoData.Liunan2020();
        var households = Seeded(programme, new DateOnly(2020, 4, 26));
        var done = DemoFollowThrough.FileForLaterPhase(programme, households, Areas, CalendarStore.ShippedCalendar(), new DateOnly(2020, 4, 26), ("scan.jpg", 1000));
        Assert.DoesNotContain(households, h => h.Status != HouseholdStatus.Proposed || h.BankAccountNumber is not null);
        Assert.Empty(done.Submissions);
        Assert.Empty(done.Notices);
    }

    [Fact]
    public void A_demo_started_in_the_funds_phase_files_eligible_households_within_each_towns_quota_most_with_an_account()
    {
        var programme = DemoData.Liunan2020();
        var households = Seeded(programme, new DateOnly(2020, 4, 27));
        DemoFollowThrough.FileForLaterPhase(programme, households, Areas, CalendarStore.ShippedCalendar(), new DateOnly(2020, 4, 27), null);
        var filed = households.Where(h => h.Status == HouseholdStatus.Filed).ToList();
        Assert.NotEmpty(filed);
        Assert.All(filed, h => Assert.Contains(h.Screening, new ScreeningOutcome?[] { ScreeningOutcome.Eligible, ScreeningOutcome.EligiblePriority }));
        Assert.All(filed.GroupBy(h => h.TownCode), t => Assert.True(t.Count() <= programme.QuotaOf(t.Key)));
        Assert.InRange(filed.Count(h => h.BankAccountNumber is not null), filed.Count * 5 / 6, filed.Count - 1);
        Assert.All(filed.Where(h => h.BankAccountNumber is not null), h => Assert.True(BankAccount.Check(h.BankAccountName, h.BankAccountNumber, h.BankName).Result.Succeeded));
    }

    [Fact]
    public void A_later_demo_takes_each_household_through_every_step_on_the_plans_dates_in_order()
    {
        var programme = DemoData.Liunan2020();
        var today = new DateOnly(2020, 11, 20);
        var households = Seeded(programme, today);
        var done = DemoFollowThrough.FileForLaterPhase(programme, households, Areas, CalendarStore.ShippedCalendar(), today, ("scan.jpg", 1000));
        var filed = households.Where(h => h.Status == HouseholdStatus.Filed).ToList();
        static DateOnly China(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime);
        HouseholdStatus[] chain = [HouseholdStatus.Proposed, HouseholdStatus.SubmittedByTown, HouseholdStatus.ReviewedByDistrict, HouseholdStatus.OnNotice,
            HouseholdStatus.NoticePassed, HouseholdStatus.Applied, HouseholdStatus.ApprovedByVillage, HouseholdStatus.ApprovedByTown,
            HouseholdStatus.ApprovedByDistrict, HouseholdStatus.Filed];
        var survey = programme.Phase(ProgrammePhase.Survey)!;
        var approval = programme.Phase(ProgrammePhase.Approval)!;
        foreach (var h in filed)
        {
            var steps = h.History.Where(e => e.From != e.To || e.To == HouseholdStatus.Proposed).OrderBy(e => e.At).ToList();
            Assert.Equal(chain, steps.Select(e => e.To).Distinct());
            Assert.True(steps.Zip(steps.Skip(1)).All(p => p.First.At <= p.Second.At), "the steps are dated in the order they were taken");
            Assert.InRange(China(steps.First(e => e.To == HouseholdStatus.SubmittedByTown).At), survey.Start, survey.Deadline!.Value);
            Assert.Equal(approval.Start, China(steps.First(e => e.To == HouseholdStatus.OnNotice).At));
            Assert.InRange(China(steps.Last().At), approval.Start, approval.Deadline!.Value);
            Assert.NotNull(h.TownApprovedAt);
        }
        // One 附件1 per town, one notice per village, each with its photo and for the programme's five working days (16–22 April 2020).
        Assert.Equal(filed.Select(h => h.TownCode).Distinct().Order(), done.Submissions.Select(s => s.TownCode).Order());
        Assert.Equal(filed.Count, done.Submissions.Sum(s => s.Regular));
        Assert.Equal(filed.Select(h => h.VillageCode).Distinct().Count(), done.Notices.Count);
        Assert.All(done.Notices, n => Assert.Equal((new DateOnly(2020, 4, 16), new DateOnly(2020, 4, 22)), (n.StartDate, n.EndDate)));
        Assert.All(done.Notices, n => Assert.Single(n.Photos));
        Assert.Equal(filed.Count, done.Notices.Sum(n => n.Entries.Count));
    }
}
