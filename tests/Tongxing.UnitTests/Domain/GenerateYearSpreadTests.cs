using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class GenerateYearSpreadTests
{
    private static readonly IEnumerable<int> Rolls = Enumerable.Range(0, 100);

    [Fact]
    public void Of_every_hundred_eligible_households_87_are_filed_and_each_state_before_filing_holds_one()
    {
        var states = Rolls.Select(r => GenerateYearSpread.StatusBeforeFunds(r, eligible: true)).ToList();
        Assert.Equal(87, states.Count(s => s == HouseholdStatus.Filed));
        Assert.Equal(4, states.Count(s => s == HouseholdStatus.Returned));
        Assert.Equal(9, states.Distinct().Count(s => s is not HouseholdStatus.Filed and not HouseholdStatus.Returned));
    }

    [Fact]
    public void An_ineligible_household_is_never_filed()
    {
        Assert.All(Rolls, r => Assert.Equal(HouseholdStatus.Returned, GenerateYearSpread.StatusBeforeFunds(r, eligible: false)));
    }

    [Fact]
    public void Payment_fates_are_mostly_paid_with_a_few_failed_and_reversed()
    {
        var fates = Rolls.Select(GenerateYearSpread.PaymentFate).GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(85, fates[GeneratedPaymentFate.PaidReceipted]);
        Assert.Equal(10, fates[GeneratedPaymentFate.Paid]);
        Assert.Equal(2, fates[GeneratedPaymentFate.FailedThenRepaid]);
        Assert.Equal(1, fates[GeneratedPaymentFate.FailedOpen]);
        Assert.Equal(2, fates[GeneratedPaymentFate.Reversed]);
    }

    [Fact]
    public void Towns_are_paid_on_Mondays_between_May_and_late_June_and_repaid_four_weeks_later()
    {
        var days = Enumerable.Range(0, 50).Select(GenerateYearSpread.PaidOn).ToList();
        Assert.All(days, d => Assert.Equal(DayOfWeek.Monday, d.DayOfWeek));
        Assert.Equal(new DateOnly(2020, 5, 4), days.Min());
        Assert.Equal(new DateOnly(2020, 6, 22), days.Max());
        Assert.Equal(new DateOnly(2020, 6, 1), GenerateYearSpread.RepaidOn(new DateOnly(2020, 5, 4)));
    }

    [Fact]
    public void Paid_households_get_one_or_two_helpers_and_three_in_a_hundred_none_yet()
    {
        var helpers = Rolls.Select(GenerateYearSpread.Helpers).ToList();
        Assert.Equal(3, helpers.Count(h => h == 0));
        Assert.Equal(30, helpers.Count(h => h == 2));
        Assert.All(helpers, h => Assert.InRange(h, 0, 2));
    }

    [Fact]
    public void Agreements_are_signed_after_the_pairing_and_most_are_signed()
    {
        var started = new DateOnly(2020, 5, 20);
        var signed = Rolls.Select(r => GenerateYearSpread.AgreementSignedOn(started, r)).ToList();
        Assert.Equal(92, signed.Count(s => s is not null));
        Assert.All(signed.OfType<DateOnly>(), s => Assert.True(s > started));
    }

    [Fact]
    public void Support_logs_are_monthly_from_a_week_after_pairing_and_never_after_today()
    {
        var logs = GenerateYearSpread.MonthlyLogs(new DateOnly(2020, 5, 20), new DateOnly(2020, 12, 15)).ToList();
        Assert.Equal(new DateOnly(2020, 5, 27), logs[0]);
        Assert.Equal(7, logs.Count);
        Assert.True(logs.Last() <= new DateOnly(2020, 12, 15));
    }

    [Fact]
    public void Return_visits_fall_inside_the_window_around_each_due_date_and_not_after_today()
    {
        var paired = new DateOnly(2020, 5, 20);
        var today = new DateOnly(2020, 12, 15);
        foreach (var roll in Rolls)
        {
            var from = paired;
            foreach (var on in GenerateYearSpread.ReturnVisits(paired, 90, 15, today, roll))
            {
                Assert.InRange(on.DayNumber - from.AddDays(90).DayNumber, -15, 15);
                Assert.True(on <= today);
                from = on;
            }
        }
    }

    [Fact]
    public void One_household_in_ten_misses_its_latest_visit_or_was_never_visited()
    {
        var paired = new DateOnly(2020, 5, 20);
        var today = new DateOnly(2020, 12, 15);
        var schedule = new VisitSchedule(90, 15);
        var overdue = Rolls.Count(r =>
        {
            var visits = GenerateYearSpread.ReturnVisits(paired, 90, 15, today, r);
            return schedule.StateOf(visits.Count == 0 ? paired : visits[^1], today) == VisitState.Overdue;
        });
        Assert.Equal(10, overdue);
        Assert.Empty(GenerateYearSpread.ReturnVisits(paired, 90, 15, today, 0));
    }

    [Fact]
    public void Most_reports_are_accepted_on_time_a_few_late_returned_waiting_or_unsent()
    {
        var fates = Rolls.Select(GenerateYearSpread.ReportFate).GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([80, 8, 5, 4, 3], new[]
        {
            GeneratedReportFate.AcceptedOnTime, GeneratedReportFate.AcceptedLate, GeneratedReportFate.Returned, GeneratedReportFate.Submitted, GeneratedReportFate.Draft,
        }.Select(f => fates[f]));
    }

    [Fact]
    public void Record_times_are_ten_in_the_morning_in_China()
    {
        Assert.Equal(new DateTimeOffset(2020, 12, 15, 2, 0, 0, TimeSpan.Zero), GenerateYearSpread.At(new DateOnly(2020, 12, 15)));
    }
}
