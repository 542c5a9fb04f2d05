using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class TownReportFiguresTests
{
    private static FigureCounts Counts() => new(70, 72, 70, 68, 60, 55, 70_000_00, 60_000_00, 58, 55, 50, 40, 120, 12_345, 30, 4, 33,
        new Dictionary<ProjectProgress, int> { [ProjectProgress.UnderWay] = 20, [ProjectProgress.Stable] = 5 }, 9, 3_500_00);

    [Fact]
    public void The_table_lists_every_figure_in_its_group_with_money_in_yuan_and_every_project_state()
    {
        var f = TownReportFigures.Of(Counts(), new DateOnly(2020, 4, 1), new DateOnly(2020, 6, 30), new DateOnly(2020, 7, 3));
        Assert.Equal(["对象户", "扶持资金", "结对帮扶", "帮扶活动", "回访", "帮扶成效"], f.Rows.Select(r => r.Group).Distinct().ToArray());
        Assert.Equal("70,000.00", f.Rows.Single(r => r.Label == "下拨到镇").Shown);
        Assert.Equal("123.45", f.Rows.Single(r => r.Label == "帮扶资金物资折款").Shown);
        Assert.Equal("68", f.Rows.Single(r => r.Label == "已建档").Shown);
        Assert.Equal(0, f.Rows.Single(r => r.Label == "项目失败").Value);
        Assert.Equal(20, f.Rows.Single(r => r.Label == "项目实施中").Value);
        Assert.Equal(9, f.Rows.Single(r => r.Label == "人均年收入达3500元以上").Value);
        Assert.Contains("2020年4月1日至2020年6月30日", f.Note, StringComparison.Ordinal);
        Assert.Contains("统计日：2020年7月3日", f.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Frozen_figures_read_back_as_they_were_and_an_unreadable_freeze_reads_as_none()
    {
        var f = TownReportFigures.Of(Counts(), new DateOnly(2020, 4, 1), new DateOnly(2020, 6, 30), new DateOnly(2020, 7, 3));
        var back = TownReportFigures.FromJson(f.ToJson())!;
        Assert.Equal(f.Rows, back.Rows);
        Assert.Equal((f.From, f.To, f.CountedOn), (back.From, back.To, back.CountedOn));
        Assert.Null(TownReportFigures.FromJson(null));
        Assert.Null(TownReportFigures.FromJson("{not json"));
    }

    [Theory]
    [InlineData("q2", TownReportKind.Quarter2)]
    [InlineData("Q4", TownReportKind.Quarter4)]
    [InlineData("yearend", TownReportKind.YearEnd)]
    [InlineData("q5", null)]
    [InlineData("", null)]
    public void Kinds_read_from_their_short_names(string slug, TownReportKind? kind)
    {
        Assert.Equal(kind, TownReportKinds.Parse(slug));
        if (kind is { } k)
        {
            Assert.Equal(slug.ToLowerInvariant(), TownReportKinds.Slug(k));
        }
    }

    [Fact]
    public void The_written_part_keeps_its_line_breaks_but_not_invisible_characters_nor_excess_length()
    {
        Assert.True(TownReport.CheckText(TownReportKind.Quarter2, "第一段\n第二段\t完", null).Succeeded);
        Assert.Equal("Text", TownReport.CheckText(TownReportKind.Quarter2, "反向\u202E文字", null).Errors.Single().Field);
        Assert.Equal("Text", TownReport.CheckText(TownReportKind.Quarter2, new string('长', TownReport.MaxTextLength + 1), null).Errors.Single().Field);
        Assert.True(TownReport.CheckText(TownReportKind.Quarter2, "文字", new string('长', TownReport.MaxRulesLength + 1)).Succeeded);
        Assert.Equal("Rules", TownReport.CheckText(TownReportKind.YearEnd, "文字", new string('长', TownReport.MaxRulesLength + 1)).Errors.Single().Field);
    }
}
