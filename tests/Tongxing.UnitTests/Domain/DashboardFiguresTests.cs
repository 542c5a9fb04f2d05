using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class DashboardFiguresTests
{
    private static readonly DateOnly Today = new(2020, 5, 12);

    [Fact]
    public void The_funnel_counts_a_household_at_every_step_it_passed_and_leaves_returned_and_withdrawn_out_of_the_steps()
    {
        var f = FunnelCounts.Of(
        [
            (HouseholdStatus.Proposed, 4), (HouseholdStatus.SubmittedByTown, 1), (HouseholdStatus.ReviewedByDistrict, 2), (HouseholdStatus.OnNotice, 3),
            (HouseholdStatus.ApprovedByTown, 1), (HouseholdStatus.Filed, 5), (HouseholdStatus.Paid, 6), (HouseholdStatus.Paired, 7), (HouseholdStatus.Assessed, 1),
            (HouseholdStatus.Returned, 2), (HouseholdStatus.Withdrawn, 9),
        ], visited: 3);
        Assert.Equal(new FunnelCounts(32, 25, 23, 19, 14, 8, 3), f);
        Assert.Equal(7, f.Steps.Count);
        Assert.Equal(("已回访", 3), f.Steps[^1]);
        Assert.Equal(6, (f with { Visited = null }).Steps.Count);
    }

    private static UnitFigures Unit(string code, int? quota, int accepted, int filed, int paid, int paired, int? unsigned = 0) =>
        new(code, "单位" + code, quota, new FunnelCounts(accepted, accepted, accepted, filed, paid, paired, null), unsigned);

    [Fact]
    public void Each_phase_names_the_units_behind_in_it_and_what_they_lack()
    {
        var units = new[] { Unit("a", 5, 5, 5, 5, 5), Unit("b", 5, 4, 3, 2, 1, 2), Unit("c", null, 1, 1, 1, 1) };
        Assert.Equal([new UnitBehind("b", "单位b", "审核通过4户，任务5户")], PhaseProgress.BehindIn(ProgrammePhase.Survey, units));
        Assert.Equal([new UnitBehind("b", "单位b", "已建档3户，任务5户")], PhaseProgress.BehindIn(ProgrammePhase.Approval, units));
        Assert.Equal([new UnitBehind("b", "单位b", "1户已建档未发放")], PhaseProgress.BehindIn(ProgrammePhase.Funds, units));
        Assert.Equal([new UnitBehind("b", "单位b", "1户已发放未结对，2份帮扶协议未签订")], PhaseProgress.BehindIn(ProgrammePhase.Pairing, units));
        Assert.Null(PhaseProgress.BehindIn(ProgrammePhase.Summary, units));
        // Villages have no quota: each must support at least the programme's households per village.
        var villages = new List<UnitFigures>
        {
            new("v1", "甲村", null, FunnelCounts.Zero, 0, AtLeast: 1),
            new("v2", "乙村", null, FunnelCounts.Zero with { Accepted = 2, Filed = 1 }, 0, AtLeast: 1),
            new("v3", "丙村", null, FunnelCounts.Zero, 0),
        };
        Assert.Equal([new UnitBehind("v1", "甲村", "审核通过0户，每村至少1户")], PhaseProgress.BehindIn(ProgrammePhase.Survey, villages));
        Assert.Equal([new UnitBehind("v1", "甲村", "已建档0户，每村至少1户")], PhaseProgress.BehindIn(ProgrammePhase.Approval, villages));
        Assert.Null(PhaseProgress.BehindIn(ProgrammePhase.Inspection, units));
    }

    [Fact]
    public void A_phase_is_not_started_running_over_or_overdue_by_its_dates_and_who_is_behind()
    {
        var behind = new[] { Unit("b", 5, 4, 3, 2, 1) };
        var done = new[] { Unit("a", 5, 5, 5, 5, 5) };
        var later = PhaseProgress.Of(new PhaseWindow(ProgrammePhase.Summary, new(2020, 11, 16), new(2020, 11, 23), new(2020, 11, 23), null), Today, behind);
        Assert.Equal(("未开始", (string?)null, false), (later.State, later.DeadlineText, later.Overdue));
        Assert.Null(later.Behind);

        var running = PhaseProgress.Of(new PhaseWindow(ProgrammePhase.Pairing, new(2020, 5, 7), new(2020, 5, 27), new(2020, 5, 27), null), Today, behind);
        Assert.Equal(("进行中", "截止5月27日（还有15天）", false), (running.State, running.DeadlineText, running.Overdue));
        Assert.Single(running.Behind!);

        var funds = new PhaseWindow(ProgrammePhase.Funds, new(2020, 4, 27), new(2020, 5, 7), null, null);
        var overdue = PhaseProgress.Of(funds, Today, behind);
        Assert.Equal(("已逾期", true), (overdue.State, overdue.Overdue));
        var over = PhaseProgress.Of(funds, Today, done);
        Assert.Equal(("已结束", false), (over.State, over.Overdue));
        Assert.Empty(over.Behind!);

        var notYet = PhaseProgress.Of(funds, new DateOnly(2020, 4, 1), behind);
        Assert.Equal("未开始", notYet.State);
        Assert.Empty(notYet.Behind!);
    }
}
