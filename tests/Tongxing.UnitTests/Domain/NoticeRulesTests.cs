using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class NoticeRulesTests
{
    private static readonly DateOnly Today = new(2020, 4, 27);
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static Notice Running(DateOnly start, DateOnly end, DateOnly enteredOn) =>
        new(Guid.NewGuid(), 1, new AreaPath("45", "4502", "450204", "450204100", "450204100201"), "公示", "中共某村支部委员会", start, end, new string('a', 32), "u", "村", At, enteredOn);

    [Fact]
    public void A_notice_is_not_dated_before_the_district_accepted_any_household_on_it()
    {
        var refused = Notice.CheckPostingDate(new DateOnly(2020, 4, 20), Today, [("甲", new DateOnly(2020, 4, 17)), ("乙", new DateOnly(2020, 4, 21))], 7, 30);
        Assert.Equal("StartDate", refused.Errors.Single().Field);
        Assert.Equal("张贴日期不能早于区残联审核通过的日期：乙户于2020年4月21日审核通过", refused.Errors.Single().Message);
        Assert.True(Notice.CheckPostingDate(new DateOnly(2020, 4, 21), Today, [("甲", new DateOnly(2020, 4, 17)), ("乙", new DateOnly(2020, 4, 21))], 7, 30).Succeeded);
    }

    [Fact]
    public void A_late_entry_reaches_back_at_most_the_configured_days_and_ahead_at_most_the_configured_days()
    {
        Assert.True(Notice.CheckPostingDate(Today.AddDays(-7), Today, [], 7, 30).Succeeded);
        Assert.Contains("最早为7天前（2020年4月20日）", Notice.CheckPostingDate(Today.AddDays(-8), Today, [], 7, 30).Errors.Single().Message, StringComparison.Ordinal);
        Assert.True(Notice.CheckPostingDate(Today.AddDays(30), Today, [], 7, 30).Succeeded);
        Assert.False(Notice.CheckPostingDate(Today.AddDays(31), Today, [], 7, 30).Succeeded);
        Assert.False(Notice.CheckPostingDate(Today.AddDays(-3), Today, [], 2, 30).Succeeded);
    }

    [Fact]
    public void A_notice_entered_after_its_posting_day_is_a_late_entry()
    {
        Assert.True(Running(new DateOnly(2020, 4, 20), new DateOnly(2020, 4, 24), Today).IsLateEntry);
        Assert.False(Running(Today, Today.AddDays(6), Today).IsLateEntry);
    }

    [Fact]
    public void A_notice_passes_only_with_a_photo_of_it_posted()
    {
        var notice = Running(new DateOnly(2020, 4, 20), new DateOnly(2020, 4, 24), Today);
        Assert.Equal("Photo", notice.CheckCanPass().Errors.Single().Field);
        notice.AddPhoto(new NoticePhoto(Guid.NewGuid(), notice.Id, "x.jpg", "image/jpeg", 1, "x.jpg", At, "村"));
        Assert.True(notice.CheckCanPass().Succeeded);
    }

    [Fact]
    public void Objections_are_received_inside_the_period_and_not_after_today()
    {
        var notice = Running(new DateOnly(2020, 4, 20), new DateOnly(2020, 4, 24), new DateOnly(2020, 4, 22));
        var today = new DateOnly(2020, 4, 22);
        Assert.Equal("ReceivedOn", notice.RaiseObjection(null, new DateOnly(2020, 4, 19), today, "反映", null, "u", "村", At).Errors.Single().Field);
        Assert.Equal("收到日期不能晚于今天（2020年4月22日）", notice.RaiseObjection(null, new DateOnly(2020, 4, 23), today, "反映", null, "u", "村", At).Errors.Single().Message);
        Assert.True(notice.RaiseObjection(null, new DateOnly(2020, 4, 21), today, "反映", null, "u", "村", At).Succeeded);

        var objection = notice.Objections.Single();
        Assert.Equal("ResolvedOn", objection.Resolve("核实", false, new DateOnly(2020, 4, 20), today, "村").Errors.Single().Field);
        Assert.Equal("处理日期不能晚于今天（2020年4月22日）", objection.Resolve("核实", false, new DateOnly(2020, 4, 23), today, "村").Errors.Single().Message);
        Assert.True(objection.Resolve("核实", false, new DateOnly(2020, 4, 21), today, "村").Succeeded);
        Assert.Equal(new DateOnly(2020, 4, 21), objection.ResolvedOn);
    }

    [Fact]
    public void An_objection_entered_by_mistake_is_withdrawn_only_with_a_reason_and_only_while_open()
    {
        var notice = Running(new DateOnly(2020, 4, 20), new DateOnly(2020, 4, 24), Today);
        notice.RaiseObjection(null, new DateOnly(2020, 4, 21), Today, "误登", null, "u", "村", At);
        notice.RaiseObjection(null, new DateOnly(2020, 4, 21), Today, "已处理的", null, "u", "村", At);
        var (mistaken, resolved) = (notice.Objections[0], notice.Objections[1]);

        Assert.Equal("Reason", mistaken.Withdraw("  ", "村", At).Errors.Single().Field);
        Assert.True(mistaken.Withdraw("登记错了公示", "村", At).Succeeded);
        Assert.False(mistaken.IsOpen);
        Assert.False(mistaken.Withdraw("再撤", "村", At).Succeeded);
        Assert.Equal("该异议已作为误登记撤销", mistaken.Resolve("核实", true, Today, Today, "村").Errors.Single().Message);

        resolved.Resolve("核实", false, Today, Today, "村");
        Assert.Equal("该异议已处理完毕，不能撤销", resolved.Withdraw("误登", "村", At).Errors.Single().Message);
    }
}
