using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class MeetingRulesTests
{
    private static readonly DateOnly Today = new(2020, 6, 30);

    [Fact]
    public void Minutes_need_a_date_departments_attendees_and_topics_each_named_by_its_field()
    {
        var (d, r) = MeetingRules.Check("2020/06/30", null, " ", "", null, null, Today);
        Assert.Null(d);
        Assert.Equal(["On", "Departments", "Attendees", "Topics"], r.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Multi_line_text_keeps_its_line_breaks_but_control_characters_are_refused()
    {
        var (d, r) = MeetingRules.Check("2020-06-30", "会议室", "区残联", "韦主任\r\n覃部长", "议题", "一、\n二、", Today);
        Assert.True(r.Succeeded);
        Assert.Equal("韦主任\n覃部长", d!.Attendees);
        var (_, bad) = MeetingRules.Check("2020-06-30", "会议\u0007室", "区残联", "韦主任", "议题", null, Today);
        Assert.Equal("Place", Assert.Single(bad.Errors).Field);
    }

    [Theory]
    [InlineData(Role.TownCommittee, AreaLevel.Town, "450204101000", false, true)]
    [InlineData(Role.Finance, AreaLevel.District, "450204000000", false, true)]
    [InlineData(Role.TownCommittee, AreaLevel.Town, "450205101000", false, false)]
    [InlineData(Role.VillageBranch, AreaLevel.Village, "450204101201", false, false)]
    [InlineData(Role.Helper, AreaLevel.Village, "450204101201", false, false)]
    [InlineData(Role.TownFederation, AreaLevel.Town, "450204102000", true, false)]
    public void An_action_is_owned_by_an_active_office_of_the_district_or_its_towns(Role role, AreaLevel level, string area, bool disabled, bool may) =>
        Assert.Equal(may, MeetingRules.MayOwnAction(role, level, area, "450204000000", disabled));
}
