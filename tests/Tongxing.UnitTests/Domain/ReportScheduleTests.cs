using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class ReportScheduleTests
{
    private static readonly Programme Liunan = DemoData.Liunan2020();
    private static readonly Actor Town = new("u1", "镇残联", Role.TownFederation, new AreaScope(AreaLevel.Town, DemoData.Luoman));
    private static readonly Actor District = new("u2", "区残联", Role.DistrictFederation, new AreaScope(AreaLevel.District, DemoData.LiunanDistrict));
    private static readonly AreaPath LuomanPath = new("450000000000", "450200000000", DemoData.LiunanDistrict, DemoData.Luoman, "");

    [Fact]
    public void A_programme_starting_in_April_expects_the_second_to_fourth_quarters_and_the_summary()
    {
        Assert.Equal([TownReportKind.Quarter2, TownReportKind.Quarter3, TownReportKind.Quarter4, TownReportKind.YearEnd], ReportSchedule.Kinds(Liunan));
        Assert.Null(ReportSchedule.DueOn(TownReportKind.Quarter1, Liunan));
    }

    [Fact]
    public void A_quarter_is_due_the_configured_days_after_it_ends_and_the_summary_on_its_deadline()
    {
        Assert.Equal((new DateOnly(2020, 4, 1), new DateOnly(2020, 6, 30)), ReportSchedule.Period(TownReportKind.Quarter2, 2020));
        Assert.Equal((new DateOnly(2020, 10, 1), new DateOnly(2020, 12, 31)), ReportSchedule.Period(TownReportKind.Quarter4, 2020));
        Assert.Equal(new DateOnly(2020, 7, 10), ReportSchedule.DueOn(TownReportKind.Quarter2, Liunan));
        Assert.Equal(new DateOnly(2020, 7, 1), ReportSchedule.ExpectedFrom(TownReportKind.Quarter2, Liunan));
        Assert.Equal(new DateOnly(2020, 11, 23), ReportSchedule.DueOn(TownReportKind.YearEnd, Liunan));
        Assert.Equal(new DateOnly(2020, 11, 16), ReportSchedule.ExpectedFrom(TownReportKind.YearEnd, Liunan));
        var shorter = DemoData.Liunan2020();
        shorter.ReportDueDays = 5;
        Assert.Equal(new DateOnly(2021, 1, 5), ReportSchedule.DueOn(TownReportKind.Quarter4, shorter));
    }

    [Fact]
    public void Expected_reports_grow_as_periods_end()
    {
        Assert.Empty(ReportSchedule.ExpectedBy(Liunan, new DateOnly(2020, 6, 30)));
        Assert.Equal([TownReportKind.Quarter2], ReportSchedule.ExpectedBy(Liunan, new DateOnly(2020, 7, 1)));
        Assert.Equal([TownReportKind.Quarter2, TownReportKind.Quarter3, TownReportKind.YearEnd], ReportSchedule.ExpectedBy(Liunan, new DateOnly(2020, 11, 16)));
    }

    [Theory]
    [InlineData(null, null, "2020-06-30", ReportTimeliness.NotDue)]
    [InlineData(null, null, "2020-07-10", ReportTimeliness.Pending)]
    [InlineData(ReportState.Draft, null, "2020-07-11", ReportTimeliness.Missing)]
    [InlineData(ReportState.Returned, "2020-07-08", "2020-07-20", ReportTimeliness.Missing)]
    [InlineData(ReportState.Submitted, "2020-07-10", "2020-07-20", ReportTimeliness.OnTime)]
    [InlineData(ReportState.Accepted, "2020-07-11", "2020-07-20", ReportTimeliness.Late)]
    public void Timeliness_is_measured_on_the_latest_submission(ReportState? state, string? submitted, string today, ReportTimeliness expected)
    {
        Assert.Equal(expected, ReportSchedule.Timeliness(TownReportKind.Quarter2, Liunan, state, submitted is null ? null : DateOnly.Parse(submitted), DateOnly.Parse(today)));
    }

    [Fact]
    public void Completeness_and_timeliness_are_shares_of_the_expected()
    {
        Assert.Equal((null, null), ReportSchedule.Rates([ReportTimeliness.NotDue]));
        Assert.Equal((75, 50), ReportSchedule.Rates([ReportTimeliness.OnTime, ReportTimeliness.OnTime, ReportTimeliness.Late, ReportTimeliness.Missing, ReportTimeliness.NotDue]));
        // A report still inside its reporting days is not counted against the town.
        Assert.Equal((100, 50), ReportSchedule.Rates([ReportTimeliness.OnTime, ReportTimeliness.Late, ReportTimeliness.Pending]));
        Assert.Equal((null, null), ReportSchedule.Rates([ReportTimeliness.Pending, ReportTimeliness.NotDue]));
    }

    [Fact]
    public void A_report_is_written_submitted_returned_and_accepted_and_then_locked()
    {
        var at = new DateTimeOffset(2020, 7, 5, 9, 0, 0, TimeSpan.FromHours(8));
        var report = new TownReport(Guid.NewGuid(), 1, LuomanPath, TownReportKind.Quarter2, at);
        Assert.Equal("", report.VillageCode);
        Assert.False(report.Submit("{}", Town, at).Succeeded);
        Assert.True(report.Write("本季度完成结对", "不适用", at).Succeeded);
        Assert.Null(report.Rules);
        Assert.True(report.Accept(District, at).IsConflict);
        Assert.True(report.Submit("{\"paid\":1}", Town, at).Succeeded);
        Assert.True(report.Write("改", null, at).IsConflict);
        Assert.False(report.Return(" ", District, at).Succeeded);
        Assert.True(report.Return("数据有误", District, at.AddDays(1)).Succeeded);
        Assert.Null(report.FiguresJson);
        Assert.Equal(ReportState.Returned, report.State);
        Assert.True(report.Submit("{\"paid\":2}", Town, at.AddDays(2)).Succeeded);
        Assert.Equal(at, report.FirstSubmittedAt);
        Assert.Equal(at.AddDays(2), report.SubmittedAt);
        Assert.True(report.Accept(District, at.AddDays(3)).Succeeded);
        Assert.Equal("报告已被区残联审核通过并锁定，不能再修改", report.Write("x", null, at).Errors[0].Message);
        Assert.True(report.Submit("{}", Town, at).IsConflict);
        Assert.True(report.Return("x", District, at).IsConflict);
        Assert.Equal("{\"paid\":2}", report.FiguresJson);
    }
}
