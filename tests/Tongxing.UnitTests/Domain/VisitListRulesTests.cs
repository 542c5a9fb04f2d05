using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class VisitListRulesTests
{
    // Quarterly, with 15 days either side: paired on 20 May, due 18 Aug, window 3 Aug … 2 Sep, overdue from 3 Sep.
    private static readonly VisitSchedule Quarterly = new(90, 15);
    private static readonly DateOnly Paired = new(2020, 5, 20);

    [Theory]
    [InlineData("2020-07-26", false)] // the window opens on 3 Aug, eight days after today: not this week
    [InlineData("2020-07-27", false)] // the seventh day after today is 3 Aug: the week is today … 2 Aug
    [InlineData("2020-07-28", true)] // the week 28 Jul … 3 Aug reaches the window's first day
    [InlineData("2020-08-03", true)] // the window opens today
    [InlineData("2020-08-18", true)] // the due date
    [InlineData("2020-09-02", true)] // the window's last day
    [InlineData("2020-09-03", false)] // overdue, listed as overdue instead
    public void Due_this_week_is_a_window_opening_within_seven_days_counted_from_today_and_not_yet_overdue(string today, bool due)
    {
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(due, Quarterly.IsDueThisWeek(Paired, day));
        // The SQL threshold says the same as the rule.
        Assert.Equal(due, Paired <= Quarterly.DueThisWeekIfFromOnOrBefore(day) && Paired > Quarterly.OverdueIfFromOnOrBefore(day));
    }

    [Fact]
    public void Due_this_week_includes_every_household_whose_window_is_already_open()
    {
        var today = new DateOnly(2020, 8, 20);
        for (var from = today.AddDays(-200); from <= today; from = from.AddDays(1))
        {
            var state = Quarterly.StateOf(from, today);
            if (state == VisitState.Due)
            {
                Assert.True(Quarterly.IsDueThisWeek(from, today), $"{from} is due today but not listed this week");
            }
            if (state == VisitState.Overdue)
            {
                Assert.False(Quarterly.IsDueThisWeek(from, today));
            }
        }
    }

    [Theory]
    [InlineData("2020-05-20", null, "2020-05-01", "2020-06-18", 0)] // paired 29 days ago: nothing expected yet
    [InlineData("2020-05-20", null, "2020-05-01", "2020-06-19", 1)] // 30 days: one log
    [InlineData("2020-05-20", null, "2020-05-01", "2020-08-18", 3)] // 90 days: three
    [InlineData("2020-01-01", null, "2020-05-20", "2020-08-18", 3)] // the period's start counts, not the older pairing
    [InlineData("2020-05-20", "2020-06-25", "2020-05-01", "2020-08-18", 1)] // ended after 36 days: one
    [InlineData("2020-09-01", null, "2020-05-01", "2020-08-18", 0)] // starts after today
    public void Expected_logs_are_one_per_interval_counted_from_the_later_of_pairing_and_period_start(string paired, string? ended, string periodStart, string today, int expected)
    {
        static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, SupportExpectation.Expected(D(paired), ended is null ? null : D(ended), D(periodStart), D(today), 30));
    }

    [Fact]
    public void A_household_without_a_log_for_one_interval_is_lapsed_once_paired_that_long()
    {
        var today = new DateOnly(2020, 8, 18);
        Assert.False(SupportExpectation.Lapsed(today.AddDays(-29), null, today, 30));
        Assert.True(SupportExpectation.Lapsed(today.AddDays(-30), null, today, 30));
        Assert.True(SupportExpectation.Lapsed(today.AddDays(-100), today.AddDays(-30), today, 30));
        Assert.False(SupportExpectation.Lapsed(today.AddDays(-100), today.AddDays(-29), today, 30));
    }
}
