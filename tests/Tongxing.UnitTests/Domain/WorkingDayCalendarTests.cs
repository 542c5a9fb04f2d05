using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class WorkingDayCalendarTests
{
    /// <summary>The official table shipped with the app (2019–2026).</summary>
    internal static WorkingDayCalendar Official()
    {
        using var stream = typeof(WorkingDayCalendar).Assembly.GetManifestResourceStream("Tongxing.Web.Data.Seed.holidays.csv")!;
        var csv = new StreamReader(stream).ReadToEnd();
        var days = new List<CalendarDay>();
        for (var year = 2019; year <= 2026; year++)
        {
            var (parsed, result) = WorkingDayCalendar.ParseTable(year, "date,is_off_day,name\n" + string.Join('\n', csv.Split('\n').Skip(1).Where(l => l.Length > 0 && WorkingDayCalendar.TableYearOf(DateOnly.Parse(l[..10], System.Globalization.CultureInfo.InvariantCulture)) == year)));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Field + e.Message)));
            days.AddRange(parsed);
        }
        return new WorkingDayCalendar(days, Enumerable.Range(2019, 8));
    }

    [Theory]
    [InlineData("2020-04-03", "2020-04-10")] // 4–6 April Qingming off
    [InlineData("2020-04-24", "2020-04-29")] // Sunday 26 April is a make-up working day
    [InlineData("2020-04-28", "2020-05-07")] // 1–5 May off
    [InlineData("2022-12-29", "2023-01-05")] // 2022-12-31 is in the 2023 table
    public void Five_working_day_notice_ends_on_the_official_calendar(string posted, string ends)
    {
        var end = Official().PeriodEnd(DateOnly.Parse(posted, System.Globalization.CultureInfo.InvariantCulture), 5);
        Assert.True(end.Ok, end.Error);
        Assert.Equal(DateOnly.Parse(ends, System.Globalization.CultureInfo.InvariantCulture), end.Value);
    }

    [Fact]
    public void Posting_on_a_day_off_starts_counting_on_the_next_working_day()
    {
        // Saturday 2020-04-04 (Qingming): day 1 is Tuesday 7 April.
        Assert.Equal(new DateOnly(2020, 4, 13), Official().PeriodEnd(new DateOnly(2020, 4, 4), 5).Value);
    }

    [Fact]
    public void Make_up_saturday_is_a_working_day_and_a_listed_weekday_is_not()
    {
        var c = Official();
        Assert.True(c.IsWorkingDay(new DateOnly(2020, 5, 9)).Value);
        Assert.False(c.IsWorkingDay(new DateOnly(2020, 5, 4)).Value);
        Assert.False(c.IsWorkingDay(new DateOnly(2020, 5, 10)).Value);
    }

    [Fact]
    public void A_year_without_a_table_is_an_error_not_a_guess()
    {
        var c = Official();
        var end = c.PeriodEnd(new DateOnly(2026, 12, 24), 5);
        Assert.False(end.Ok);
        Assert.Contains("未载入2027年节假日安排", end.Error, StringComparison.Ordinal);
        Assert.Contains("未载入2018年节假日安排", c.IsWorkingDay(new DateOnly(2018, 6, 1)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Working_days_between_dates_count_the_calendar()
    {
        Assert.Equal(4, Official().WorkingDaysBetween(new DateOnly(2020, 4, 3), new DateOnly(2020, 4, 10)).Value);
        Assert.Equal(-4, Official().WorkingDaysBetween(new DateOnly(2020, 4, 10), new DateOnly(2020, 4, 3)).Value);
    }

    [Fact]
    public void An_uploaded_table_is_checked_line_by_line()
    {
        var (days, result) = WorkingDayCalendar.ParseTable(2027, "date,is_off_day,name\n2027-01-01,true,元旦\n2027-02-03,maybe,春节\n2027-13-01,true,x\n2026-05-01,true,劳动节\n2027-01-01,true,元旦\n");
        Assert.Empty(days);
        var messages = result.Errors.Select(e => e.Field + e.Message).ToList();
        Assert.Contains(messages, m => m.StartsWith("第3行", StringComparison.Ordinal) && m.Contains("true或false", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第4行", StringComparison.Ordinal) && m.Contains("yyyy-MM-dd", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第5行", StringComparison.Ordinal) && m.Contains("不属于2027年", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第6行", StringComparison.Ordinal) && m.Contains("重复", StringComparison.Ordinal));
    }

    [Fact]
    public void December_29_to_31_belong_to_the_next_years_table()
    {
        Assert.Equal(2019, WorkingDayCalendar.TableYearOf(new DateOnly(2018, 12, 29)));
        Assert.Equal(2018, WorkingDayCalendar.TableYearOf(new DateOnly(2018, 12, 28)));
        var (days, result) = WorkingDayCalendar.ParseTable(2023, "date,is_off_day,name\n2022-12-31,true,元旦\n");
        Assert.True(result.Succeeded);
        Assert.Single(days);
    }
}
