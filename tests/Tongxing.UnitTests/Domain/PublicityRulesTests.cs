using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class PublicityRulesTests
{
    private static readonly DateOnly Today = new(2020, 6, 30);
    private static readonly Actor Federation = new("u", "区残联", Role.DistrictFederation, new AreaScope(AreaLevel.District, "450204000000"));

    private static PublicityItem Draft(DateOnly? consent = null) => PublicityItem.Create(Guid.NewGuid(), 1, new AreaPath("450000000000", "450200000000", "450204000000",
        "450204101000", "450204101201"), new PublicityDetails(PublicityKind.GoodPractice, "标题", "内容", consent), Guid.NewGuid(), null, null, Federation,
        DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_household_is_named_outside_only_with_its_consent() =>
        Assert.Equal((PublicityRules.Unnamed, "韦国户"), (PublicityRules.PublicHouseholdName("韦国", null), PublicityRules.PublicHouseholdName("韦国", Today)));

    [Fact]
    public void The_kind_is_one_of_three_and_consent_needs_a_household_and_a_past_date()
    {
        Assert.Equal("Kind", Assert.Single(PublicityRules.Check("7", "t", "x", null, false, Today).Result.Errors).Field);
        Assert.Equal("ConsentOn", Assert.Single(PublicityRules.Check("GoodPractice", "t", "x", "2020-06-01", false, Today).Result.Errors).Field);
        Assert.Equal("ConsentOn", Assert.Single(PublicityRules.Check("GoodPractice", "t", "x", "2020-07-01", true, Today).Result.Errors).Field);
        Assert.Equal(new DateOnly(2020, 6, 1), PublicityRules.Check("GoodPractice", "t", "x", "2020-06-01", true, Today).Details!.ConsentOn);
    }

    [Fact]
    public void Submitted_locks_it_approve_or_return_once_and_only_an_approved_entry_is_withdrawn_with_a_reason()
    {
        var p = Draft();
        Assert.True(p.Withdraw("x", Federation, DateTimeOffset.UnixEpoch).IsConflict);
        Assert.True(p.Submit(DateTimeOffset.UnixEpoch).Succeeded);
        Assert.True(p.Edit(new PublicityDetails(PublicityKind.GoodPractice, "改", "改", null), null, null, null, DateTimeOffset.UnixEpoch).IsConflict);
        Assert.False(p.Return(" ", Federation, DateTimeOffset.UnixEpoch).Succeeded);
        Assert.True(p.Approve(Federation, DateTimeOffset.UnixEpoch).Succeeded);
        Assert.True(p.Return("迟了", Federation, DateTimeOffset.UnixEpoch).IsConflict);
        Assert.True(p.Withdraw("撤回同意", Federation, DateTimeOffset.UnixEpoch).Succeeded);
        Assert.Equal(PublicityState.Withdrawn, p.State);
    }
}
