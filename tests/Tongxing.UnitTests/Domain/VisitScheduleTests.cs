using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class VisitScheduleTests
{
    private static readonly VisitSchedule Quarterly = new(90, 15);
    private static readonly DateOnly From = new(2020, 5, 20);

    [Theory]
    [InlineData("2020-08-02", VisitState.NotYetDue)] // due 18 Aug, window opens 3 Aug
    [InlineData("2020-08-03", VisitState.Due)]
    [InlineData("2020-08-18", VisitState.Due)]
    [InlineData("2020-09-02", VisitState.Due)] // last day of the window
    [InlineData("2020-09-03", VisitState.Overdue)]
    public void A_visit_is_due_inside_the_window_around_its_date_and_overdue_after_it(string today, VisitState expected)
    {
        Assert.Equal(new DateOnly(2020, 8, 18), Quarterly.DueOn(From));
        Assert.Equal(expected, Quarterly.StateOf(From, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void An_unpaired_household_is_due_nothing()
    {
        Assert.Equal(VisitState.None, Quarterly.StateOf(null, From));
    }

    [Fact]
    public void The_sql_thresholds_agree_with_the_state_on_every_day_around_the_window()
    {
        for (var today = From; today < From.AddDays(200); today = today.AddDays(1))
        {
            var state = Quarterly.StateOf(From, today);
            Assert.Equal(state is VisitState.Due or VisitState.Overdue, From <= Quarterly.DueIfFromOnOrBefore(today));
            Assert.Equal(state == VisitState.Overdue, From <= Quarterly.OverdueIfFromOnOrBefore(today));
            Assert.Equal(state == VisitState.Overdue, Quarterly.DaysOverdue(From, today) > 0);
        }
    }
}

public sealed class PairingDateTests
{
    [Fact]
    public void A_pairing_is_not_dated_before_the_households_filing_nor_before_its_programmes_year()
    {
        Assert.False(PairingRules.MayStartOn(new DateOnly(2019, 1, 1), 2020, null).Succeeded);
        Assert.True(PairingRules.MayStartOn(new DateOnly(2020, 1, 1), 2020, null).Succeeded);
        var filed = new DateOnly(2020, 5, 2);
        var early = PairingRules.MayStartOn(new DateOnly(2020, 5, 1), 2020, filed);
        Assert.False(early.Succeeded);
        Assert.Contains("备案日期2020-05-02", early.Errors[0].Message, StringComparison.Ordinal);
        Assert.True(PairingRules.MayStartOn(filed, 2020, filed).Succeeded);
    }
}
