using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class ApprovalChainTests
{
    private static readonly Dictionary<string, Area> Areas = DemoData.Areas().ToDictionary(a => a.Code);
    private static readonly Actor Village = new("v", "村", Role.VillageBranch, new AreaScope(AreaLevel.Village, DemoData.LuomanVillage));
    private static readonly Actor Town = new("t", "镇党委", Role.TownCommittee, new AreaScope(AreaLevel.Town, DemoData.Luoman));
    private static readonly Actor TownFederation = new("tf", "镇残联", Role.TownFederation, new AreaScope(AreaLevel.Town, DemoData.Luoman));
    private static readonly Actor OtherTown = new("t2", "流山镇党委", Role.TownCommittee, new AreaScope(AreaLevel.Town, DemoData.Liushan));
    private static readonly Actor District = new("d", "区残联", Role.DistrictFederation, new AreaScope(AreaLevel.District, DemoData.LiunanDistrict));
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    /// <summary>A household that has passed its notice.</summary>
    private static Household Passed()
    {
        var villages = Areas.Values.Where(a => a.Code == DemoData.LuomanVillage).ToList();
        var h = DemoData.Households(DemoData.Liunan2020(), villages, Areas, 40, At).First(x => x.Screening is ScreeningOutcome.Eligible or ScreeningOutcome.EligiblePriority);
        Assert.True(h.SubmitByTown(Town, Guid.NewGuid(), false, At).Succeeded);
        Assert.True(h.AcceptByDistrict(District, null, At).Succeeded);
        Assert.True(h.PutOnNotice(Village, Guid.NewGuid(), At).Succeeded);
        Assert.True(h.PassNotice(Village, new DateOnly(2020, 4, 11), new DateOnly(2020, 4, 10), 0, At).Succeeded);
        return h;
    }

    [Fact]
    public void Every_legal_move_in_order_ends_filed()
    {
        var h = Passed();
        Assert.True(h.Approve(Village, ApprovalStep.Apply, null, At).Succeeded);
        Assert.True(h.Approve(Village, ApprovalStep.ApproveByVillage, "同意", At).Succeeded);
        Assert.True(h.Approve(Town, ApprovalStep.ApproveByTown, null, At).Succeeded);
        Assert.Equal(At, h.TownApprovedAt);
        Assert.True(h.Approve(District, ApprovalStep.ApproveByDistrict, null, At).Succeeded);
        Assert.True(h.Approve(Town, ApprovalStep.File, null, At).Succeeded);
        Assert.Equal(HouseholdStatus.Filed, h.Status);
        Assert.Contains(h.History, e => e.Comment == "村党组织审批同意：同意");
    }

    [Fact]
    public void Steps_out_of_order_are_refused_with_the_current_state()
    {
        var h = Passed();
        var r = h.Approve(Town, ApprovalStep.ApproveByTown, null, At);
        Assert.Contains("当前状态为“公示通过”", r.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(HouseholdStatus.NoticePassed, h.Status);
    }

    [Fact]
    public void Each_step_belongs_to_one_office_at_one_level_in_the_area()
    {
        var h = Passed();
        h.Approve(Village, ApprovalStep.Apply, null, At);
        h.Approve(Village, ApprovalStep.ApproveByVillage, null, At);
        var wrongOffice = h.Approve(TownFederation, ApprovalStep.ApproveByTown, null, At);
        Assert.Contains("应由镇党委办理", wrongOffice.Errors[0].Message, StringComparison.Ordinal);
        // The refusal says what kind it is (who asks, not what was sent): the API answers 403 from that, not from the words.
        Assert.True(wrongOffice.IsNotAllowed);
        Assert.False(h.Approve(Town, (ApprovalStep)99, null, At).IsNotAllowed);
        // A value that is no step is never taken as filing by the batch page.
        Assert.Null(Tongxing.Web.Features.Approvals.BatchActions.Of((ApprovalStep)99));
        Assert.Equal(Tongxing.Web.Features.Approvals.BatchAction.File, Tongxing.Web.Features.Approvals.BatchActions.Of(ApprovalStep.File));
        Assert.Contains("管辖范围", h.Approve(OtherTown, ApprovalStep.ApproveByTown, null, At).Errors[0].Message, StringComparison.Ordinal);
        Assert.False(h.Approve(District, ApprovalStep.ApproveByTown, null, At).Succeeded);
        Assert.Equal(HouseholdStatus.ApprovedByVillage, h.Status);
    }

    [Fact]
    public void The_office_due_to_act_sends_back_one_step_with_a_reason()
    {
        var h = Passed();
        h.Approve(Village, ApprovalStep.Apply, null, At);
        h.Approve(Village, ApprovalStep.ApproveByVillage, null, At);
        h.Approve(Town, ApprovalStep.ApproveByTown, null, At);
        Assert.False(h.SendBack(District, "", At).Succeeded);
        Assert.False(h.SendBack(Town, "自己退自己", At).Succeeded);
        Assert.True(h.SendBack(District, "附件2缺少镇党委盖章", At).Succeeded);
        Assert.Equal(HouseholdStatus.ApprovedByVillage, h.Status);
        Assert.Null(h.TownApprovedAt);
        Assert.Contains("退回上一环节（镇党委审批同意）：附件2缺少镇党委盖章", h.History[^1].Comment, StringComparison.Ordinal);
    }

    [Fact]
    public void An_approval_is_withdrawn_only_by_its_office_and_only_as_a_recorded_action()
    {
        var h = Passed();
        h.Approve(Village, ApprovalStep.Apply, null, At);
        h.Approve(Village, ApprovalStep.ApproveByVillage, null, At);
        h.Approve(Town, ApprovalStep.ApproveByTown, null, At);
        Assert.False(h.WithdrawApproval(District, "不是我批的", At).Succeeded);
        Assert.True(h.WithdrawApproval(Town, "发现家庭人口有误", At).Succeeded);
        Assert.Equal(HouseholdStatus.ApprovedByVillage, h.Status);
        Assert.Equal("撤回“镇党委审批同意”：发现家庭人口有误", h.History[^1].Comment);
    }

    [Fact]
    public void A_filed_record_cannot_be_withdrawn()
    {
        var h = Passed();
        foreach (var (who, step) in new[] { (Village, ApprovalStep.Apply), (Village, ApprovalStep.ApproveByVillage), (Town, ApprovalStep.ApproveByTown), (District, ApprovalStep.ApproveByDistrict), (Town, ApprovalStep.File) })
        {
            Assert.True(h.Approve(who, step, null, At).Succeeded);
        }
        Assert.False(h.WithdrawApproval(Town, "想撤回", At).Succeeded);
        Assert.False(h.SendBack(Town, "想退回", At).Succeeded);
    }

    [Fact]
    public void Notice_passes_only_after_its_last_day_and_with_no_open_objection()
    {
        var villages = Areas.Values.Where(a => a.Code == DemoData.LuomanVillage).ToList();
        var h = DemoData.Households(DemoData.Liunan2020(), villages, Areas, 40, At).First(x => x.Screening is ScreeningOutcome.Eligible or ScreeningOutcome.EligiblePriority);
        h.SubmitByTown(Town, Guid.NewGuid(), false, At);
        h.AcceptByDistrict(District, null, At);
        h.PutOnNotice(Village, Guid.NewGuid(), At);
        Assert.Contains("期满后", h.PassNotice(Village, new DateOnly(2020, 4, 10), new DateOnly(2020, 4, 10), 0, At).Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("1条异议未处理", h.PassNotice(Village, new DateOnly(2020, 4, 11), new DateOnly(2020, 4, 10), 1, At).Errors[0].Message, StringComparison.Ordinal);
        Assert.True(h.PassNotice(Village, new DateOnly(2020, 4, 11), new DateOnly(2020, 4, 10), 0, At).Succeeded);
    }

    [Fact]
    public void Names_are_masked_for_notices()
    {
        Assert.Equal("张*三", NoticeMasks.Name("张小三"));
        Assert.Equal("李*", NoticeMasks.Name("李四"));
        Assert.Equal("欧**峰", NoticeMasks.Name("欧阳晓峰"));
    }
}
