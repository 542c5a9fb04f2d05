using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class ProgressStagesTests
{
    [Fact]
    public void Every_status_falls_in_exactly_one_stage() =>
        Assert.All(Enum.GetValues<HouseholdStatus>(), s => Assert.Contains(ProgressStages.Of(s), ProgressStages.All));

    [Theory]
    [InlineData(HouseholdStatus.Proposed, ProgressStage.Survey)]
    [InlineData(HouseholdStatus.SubmittedByTown, ProgressStage.ReviewAndNotice)]
    [InlineData(HouseholdStatus.OnNotice, ProgressStage.ReviewAndNotice)]
    [InlineData(HouseholdStatus.ApprovedByDistrict, ProgressStage.Approval)]
    [InlineData(HouseholdStatus.Filed, ProgressStage.Filed)]
    [InlineData(HouseholdStatus.Assessed, ProgressStage.Filed)]
    [InlineData(HouseholdStatus.Returned, ProgressStage.Returned)]
    [InlineData(HouseholdStatus.Withdrawn, ProgressStage.Withdrawn)]
    public void Statuses_fold_into_the_stages_leaders_ask_about(HouseholdStatus status, ProgressStage stage) => Assert.Equal(stage, ProgressStages.Of(status));

    [Theory]
    [InlineData(0, 70, 0)]
    [InlineData(69, 70, 98)] // rounded down: not done until all are filed
    [InlineData(70, 70, 100)]
    [InlineData(75, 70, 107)]
    public void Per_cent_filed(int filed, int quota, int expected) => Assert.Equal(expected, ProgressStages.PercentFiled(filed, quota));

    [Fact]
    public void Registered_counts_every_stage_but_withdrawn()
    {
        var stages = ProgressStages.All.ToDictionary(s => s, s => (int)s); // 1 + 2 + 3 + 4 + 5 (+ 6 withdrawn)
        Assert.Equal(15, ProgressStages.Registered(stages));
    }

    [Fact]
    public void No_quota_no_per_cent() => Assert.Null(ProgressStages.PercentFiled(5, 0));
}
