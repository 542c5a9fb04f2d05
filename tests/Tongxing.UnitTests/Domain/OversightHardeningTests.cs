using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

/// <summary>What the oversight records refuse because an attacker tried it: characters no document can hold, personal numbers in free text, a pass over failures, early reports, far-off due dates.</summary>
public sealed class OversightHardeningTests
{
    private static readonly Actor Inspector = new("u1", "区委组织部", Role.DistrictOrganization, new AreaScope(AreaLevel.District, "450204000000"));
    private static readonly AreaPath Town = new("450000000000", "450200000000", "450204000000", "450204101000", "");
    private static readonly DateOnly Today = new(2020, 11, 25);
    private static readonly DateTimeOffset At = new(2020, 11, 25, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("第二季度\uffff", true)]
    [InlineData("坏\ufffe", true)]
    [InlineData("\ufdd0", true)]
    [InlineData("𠮷字与表情😀", false)]
    public void Unicode_noncharacters_which_no_docx_can_hold_count_as_invisible(string text, bool invisible) =>
        Assert.Equal(invisible, PlainText.HasInvisible(text));

    [Theory]
    [InlineData("刘荣建 身份证 450206197211166436", true)]
    [InlineData("残疾证 45020619721116643611", true)]
    [InlineData("老号码 450206721116643", true)]
    [InlineData("身份证45020619721116643X", true)]
    [InlineData("身份证4502 2119 8206 2383 76", true)]
    [InlineData("身份证 450221-19820623-837X", true)]
    [InlineData("账号 6228 4800 1234 5678 901", true)]
    [InlineData("身份证号 450.206.1972.1116.6436", true)]
    [InlineData("身份证号 450206/1972/1116/6436", true)]
    [InlineData("身份证号 450206·19721116·6436", true)]
    [InlineData("2020年收入1，963.89元，5，000元以下，共3户", false)]
    [InlineData("联系电话 13977201234，帮扶3户，收入5000元", false)]
    [InlineData("电话 139 7720 1234，2020年4月29日至5月6日公示", false)]
    [InlineData("公示期 2020-04-29 至 2020-05-06", false)]
    public void Free_text_refuses_id_certificate_and_account_numbers_but_not_a_phone(string text, bool refused) =>
        Assert.Equal(refused, PersonalData.HoldsPersonalNumber(text));

    [Theory]
    [InlineData("刘荣建致富记", true)]
    [InlineData("刘 荣 建 致富记", true)]
    [InlineData("户主刘-荣-建，勤劳致富", true)]
    [InlineData("户主刘·荣·建", true)]
    [InlineData("刘姓户主勤劳致富，荣获表彰", false)]
    public void Publicity_finds_a_name_spelled_out_with_spaces_or_punctuation(string text, bool names) =>
        Assert.Equal(names, PublicityRules.Names(text, "刘荣建"));

    [Fact]
    public void A_report_s_text_and_a_meeting_s_lines_refuse_a_personal_number()
    {
        Assert.Equal(PersonalData.NoNumbersInText, TownReport.CheckText(TownReportKind.Quarter2, "卢某 身份证450206197211166436", null).Errors[0].Message);
        var errors = new List<FieldError>();
        MeetingRules.Block("户主 450206197211166436", "Text", "宣传内容", required: true, errors);
        Assert.Equal(PersonalData.NoNumbersInText, Assert.Single(errors).Message);
    }

    [Fact]
    public void A_pass_over_a_failed_line_or_household_needs_a_rectification()
    {
        var (i, r) = Inspection.Start(1, Town, Today, "张三（区委组织部）", Today, Inspector, At);
        Assert.True(r.Succeeded);
        var checks = new List<InspectionCheck>();
        Assert.True(i!.Refresh(InspectionChecklist.Build(new InspectionFacts("450204101000", 13, 13, 1, 13, [], 0, 13, 0, 0, 0, 0, true, 13, 0, 0, 0, 3, 3, 0, 0)),
            checks, _ => { }).Succeeded);
        var (drawn, _) = i.Draw(7, 2, Enumerable.Range(1, 5).Select(n => new Guid(n, 0, 0, new byte[8])).ToList(), []);
        Assert.True(i.Confirm(checks[0], false, "实地核查少2户").Succeeded);
        foreach (var c in checks.Skip(1))
        {
            Assert.True(i.Confirm(c, true, null).Succeeded);
        }
        Assert.True(i.Record(drawn[0], false, "扶持项目未见实施", Inspector, At).Succeeded);
        Assert.True(i.Record(drawn[1], true, null, Inspector, At).Succeeded);
        Assert.False(i.Record(drawn[1], true, "户主450206197211166436", Inspector, At).Succeeded);
        var refused = i.Conclude(InspectionResult.Pass, "基本合格", checks, drawn, 0, Inspector, At);
        Assert.Equal("有2项检查内容或抽查户不符合，结论为合格的也须提出整改事项；否则请作出不合格结论", Assert.Single(refused.Errors).Message);
        Assert.True(i.Conclude(InspectionResult.Pass, "基本合格，限期整改", checks, drawn, 1, Inspector, At).Succeeded);
    }

    [Fact]
    public void A_report_is_sent_only_once_its_quarter_has_ended_or_its_phase_begun()
    {
        var p = DemoData.Liunan2020();
        Assert.Equal("第四季度尚未结束，2021年1月1日起方可报送", ReportSchedule.MaySubmit(TownReportKind.Quarter4, p, new DateOnly(2020, 11, 20)).Errors[0].Message);
        Assert.True(ReportSchedule.MaySubmit(TownReportKind.Quarter4, p, new DateOnly(2021, 1, 1)).Succeeded);
        Assert.Equal("年度工作总结11月16日起方可报送", ReportSchedule.MaySubmit(TownReportKind.YearEnd, p, new DateOnly(2020, 11, 15)).Errors[0].Message);
        Assert.False(ReportSchedule.MaySubmit(TownReportKind.Quarter1, p, new DateOnly(2020, 11, 15)).Succeeded);
        Assert.True(ReportSchedule.MaySubmit(TownReportKind.Quarter2, p, new DateOnly(2020, 7, 1)).Succeeded);
    }

    [Fact]
    public void An_action_is_due_within_two_years()
    {
        var (action, result) = ActionItem.Create(ActionSource.Meeting, Guid.NewGuid(), 1, Town, "落实培训", "u2", "蓝书记", new DateOnly(9999, 12, 31), Today, Inspector, At);
        Assert.Null(action);
        Assert.Equal("办结期限不能晚于2年以后", result.Errors[0].Message);
        Assert.True(ActionItem.Create(ActionSource.Meeting, Guid.NewGuid(), 1, Town, "落实培训", "u2", "蓝书记", Today.AddYears(2), Today, Inspector, At).Result.Succeeded);
    }

    [Theory]
    [InlineData("x.html", ".pdf", "x.pdf")]
    [InlineData("年度总结.PDF", ".pdf", "年度总结.PDF")]
    [InlineData("../../../年度总结", ".pdf", "年度总结.pdf")]
    [InlineData(".html", ".pdf", "制度文件.pdf")]
    [InlineData("", ".pdf", "制度文件.pdf")]
    [InlineData("现场.jpeg", ".jpg", "现场.jpeg")]
    [InlineData("现场.jpg", ".png", "现场.png")]
    public void An_uploaded_files_name_keeps_the_extension_of_what_is_served(string uploaded, string extension, string kept) =>
        Assert.Equal(kept, PlainText.FileName(uploaded, "制度文件", extension, 100));
}
