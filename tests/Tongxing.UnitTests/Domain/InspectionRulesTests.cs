using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class InspectionRulesTests
{
    private static readonly Actor Inspector = new("u1", "区委组织部", Role.DistrictOrganization, new AreaScope(AreaLevel.District, "450204000000"));
    private static readonly AreaPath Town = new("450000000000", "450200000000", "450204000000", "450204101000", "");
    private static readonly DateOnly Today = new(2020, 11, 25);
    private static readonly DateTimeOffset At = new(2020, 11, 25, 2, 0, 0, TimeSpan.Zero);

    private static InspectionFacts Complete => new("450204101000", 13, 13, 1, 13, [], 0, 13, 0, 0, 0, 0, true, 13, 0, 0, 0, 3, 3, 0, 0);

    [Fact]
    public void A_complete_town_meets_every_line()
    {
        var lines = InspectionChecklist.Build(Complete);
        Assert.Equal(InspectionChecklist.Items.Select(i => i.Key), lines.Select(l => l.Key));
        Assert.All(lines, l => Assert.True(l.RecordMet, l.Key + " " + l.RecordValue));
        Assert.Equal("已备案13户，任务13户", lines[0].RecordValue);
        Assert.Equal("/Reports?town=450204101000", lines.Single(l => l.Key == InspectionChecklist.Reports).Link);
    }

    [Fact]
    public void A_partly_complete_town_shows_what_is_missing_in_words()
    {
        var f = Complete with
        {
            Supported = 10,
            VillagesShort = ["古洲村委会", "洛河村委会"],
            WithoutNotice = 2,
            NoticesWithoutPhotos = 1,
            Unpaid = 3,
            FundsBalanced = false,
            WithoutAgreement = 4,
            VisitsOverdue = 1,
            ReportsOnTime = 1,
            ReportsLate = 1,
            ReportsMissing = 1
        };
        var lines = InspectionChecklist.Build(f).ToDictionary(l => l.Key);
        Assert.False(lines[InspectionChecklist.Quota].RecordMet);
        Assert.Equal("已备案10户，任务13户", lines[InspectionChecklist.Quota].RecordValue);
        Assert.Equal("全镇13个村，2个村帮扶户不足1户：古洲村委会、洛河村委会", lines[InspectionChecklist.Villages].RecordValue);
        Assert.Equal("2户未经公示；公示13次，1次无现场照片", lines[InspectionChecklist.Notices].RecordValue);
        Assert.Equal("未发放3户，已发放无收据0户，账目未对平", lines[InspectionChecklist.Funds].RecordValue);
        Assert.Equal("已结对13户，4户未签订帮扶协议", lines[InspectionChecklist.Agreements].RecordValue);
        Assert.Equal("应报3份，按时1份，逾期报送1份，未报1份", lines[InspectionChecklist.Reports].RecordValue);
        Assert.All(lines.Values.Where(l => l.Key != InspectionChecklist.Approvals), l => Assert.False(l.RecordMet, l.Key));
        Assert.True(lines[InspectionChecklist.Approvals].RecordMet);
    }

    [Fact]
    public void Nothing_to_show_is_not_met()
    {
        var none = new InspectionFacts("t", 10, 0, 1, 0, [], 0, 0, 0, 0, 0, 0, true, 0, 0, 0, 0, 0, 0, 0, 0);
        Assert.All(InspectionChecklist.Build(none), l => Assert.False(l.RecordMet, l.Key));
    }

    private static (Inspection I, List<InspectionCheck> Checks) Started()
    {
        var (i, r) = Inspection.Start(1, Town, Today, "张三（区委组织部）", Today, Inspector, At);
        Assert.True(r.Succeeded);
        var checks = new List<InspectionCheck>();
        Assert.True(i!.Refresh(InspectionChecklist.Build(Complete), checks, _ => { }).Succeeded);
        return (i, checks);
    }

    [Fact]
    public void Start_needs_the_inspectors()
    {
        var (i, r) = Inspection.Start(1, Town, Today, "  ", Today, Inspector, At);
        Assert.Null(i);
        Assert.Equal("Inspectors", r.Errors[0].Field);
    }

    [Fact]
    public void An_override_of_the_records_needs_a_note()
    {
        var (i, checks) = Started();
        var r = i.Confirm(checks[0], false, null);
        Assert.False(r.Succeeded);
        Assert.Equal("检查结论与系统记录不一致时，请填写说明", r.Errors[0].Message);
        Assert.True(i.Confirm(checks[0], false, "实地核查少2户").Succeeded);
        Assert.False(checks[0].Met);
    }

    [Fact]
    public void Conclude_is_refused_until_every_line_is_confirmed_and_every_sampled_household_checked_and_a_fail_needs_a_rectification()
    {
        var (i, checks) = Started();
        var ids = Enumerable.Range(1, 10).Select(n => new Guid(n, 0, 0, new byte[8])).ToList();
        var (drawn, d) = i.Draw(5, 3, ids, []);
        Assert.True(d.Succeeded);
        var refused = i.Conclude(InspectionResult.Fail, "台账不全", checks, drawn, 0, Inspector, At);
        Assert.Contains(refused.Errors, e => e.Message == "还有8项检查内容未确认");
        Assert.Contains(refused.Errors, e => e.Message == "还有3户抽查户未登记抽查结果");
        Assert.Contains(refused.Errors, e => e.Message == "结论为不合格的，请至少提出一项整改事项");
        foreach (var c in checks)
        {
            Assert.True(i.Confirm(c, true, null).Succeeded);
        }
        foreach (var s in drawn)
        {
            Assert.True(i.Record(s, true, null, Inspector, At).Succeeded);
        }
        Assert.False(i.Conclude(InspectionResult.Fail, "台账不全", checks, drawn, 0, Inspector, At).Succeeded);
        Assert.True(i.Conclude(InspectionResult.Fail, "台账不全", checks, drawn, 1, Inspector, At).Succeeded);
        Assert.Equal(InspectionState.Concluded, i.State);
        var locked = i.Confirm(checks[0], true, null);
        Assert.True(locked.IsConflict);
        Assert.StartsWith("检查验收已作出结论（不合格）并锁定", locked.Errors[0].Message);
        Assert.True(i.MayAddRectification().IsConflict);
    }

    [Fact]
    public void A_redraw_is_refused_once_a_finding_is_recorded_and_the_size_is_checked()
    {
        var (i, _) = Started();
        var ids = Enumerable.Range(1, 4).Select(n => new Guid(n, 0, 0, new byte[8])).ToList();
        Assert.Equal("SampleSize", i.Draw(5, 5, ids, []).Result.Errors[0].Field);
        var (drawn, _) = i.Draw(5, 2, ids, []);
        Assert.Equal(5, i.SampleSeed);
        Assert.True(i.Record(drawn[0], false, "未见项目实物", Inspector, At).Succeeded);
        Assert.True(i.Draw(6, 2, ids, drawn).Result.IsConflict);
        Assert.False(i.Record(drawn[1], false, " ", Inspector, At).Succeeded);
    }
}
