using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class NextActionsTests
{
    private static readonly DateOnly April5 = new(2020, 4, 5);

    private static Dictionary<WorkItem, int> One(params WorkItem[] items) => items.ToDictionary(i => i, _ => 1);

    [Fact]
    public void The_village_corrects_returned_households_posts_and_passes_notices_and_applies_and_approves_first_then_records_receipts_pairs_and_visits()
    {
        Assert.Equal(
            [WorkItem.CorrectReturned, WorkItem.PostNotice, WorkItem.PassNotice, WorkItem.Apply, WorkItem.ApproveByVillage, WorkItem.RecordReceipts,
                WorkItem.PairHouseholds, WorkItem.SignAgreements, WorkItem.VisitsDue, WorkItem.OwnedActions],
            NextActions.WaitingFor(Role.VillageBranch));
    }

    [Fact]
    public void The_town_committee_submits_approves_files_pays_and_follows_agreements_the_town_federation_submits_visits_and_reports()
    {
        Assert.Equal([WorkItem.SubmitSurvey, WorkItem.ApproveByTown, WorkItem.File, WorkItem.PayHouseholds, WorkItem.RecordProjectStarts,
                WorkItem.SignAgreements, WorkItem.VisitsDue, WorkItem.OwnedActions],
            NextActions.WaitingFor(Role.TownCommittee));
        Assert.Equal([WorkItem.SubmitSurvey, WorkItem.VisitsDue, WorkItem.SubmitReports, WorkItem.OwnedActions], NextActions.WaitingFor(Role.TownFederation));
    }

    [Fact]
    public void The_district_federation_reviews_submissions_approves_reviews_reports_and_publicity_and_inspects()
    {
        Assert.Equal([WorkItem.ChaseSurveys, WorkItem.ReviewSurvey, WorkItem.ApproveByDistrict, WorkItem.ReviewReports, WorkItem.ApprovePublicity, WorkItem.InspectTowns, WorkItem.OwnedActions],
            NextActions.WaitingFor(Role.DistrictFederation));
        Assert.Equal([WorkItem.InspectTowns, WorkItem.OwnedActions], NextActions.WaitingFor(Role.DistrictOrganization));
    }

    [Theory]
    [InlineData(Role.Finance)]
    [InlineData(Role.CityFederation)]
    [InlineData(Role.RegionFederation)]
    [InlineData(Role.Administrator)]
    public void Offices_that_only_watch_have_only_the_actions_they_own(Role role) => Assert.Equal([WorkItem.OwnedActions], NextActions.WaitingFor(role));

    [Fact]
    public void A_helper_has_no_office_work() => Assert.Empty(NextActions.WaitingFor(Role.Helper));

    [Fact]
    public void Work_whose_date_the_records_set_takes_that_date_and_is_overdue_after_it()
    {
        var p = DemoData.Liunan2020();
        Assert.Null(NextActions.Deadline(WorkItem.SubmitReports, p));
        Assert.Equal(new DateOnly(2020, 11, 27), NextActions.Deadline(WorkItem.InspectTowns, p));
        Assert.Equal(new DateOnly(2020, 5, 27), NextActions.Deadline(WorkItem.SignAgreements, p));
        var list = NextActions.List(Role.TownFederation, One(WorkItem.SubmitReports, WorkItem.OwnedActions), p, new DateOnly(2020, 7, 12),
            new Dictionary<WorkItem, DateOnly> { [WorkItem.SubmitReports] = new(2020, 7, 10), [WorkItem.OwnedActions] = new(2020, 7, 20) });
        Assert.Equal([WorkItem.SubmitReports, WorkItem.OwnedActions], list.Select(a => a.Item));
        Assert.True(list[0].Overdue);
        Assert.Equal("截止7月10日（已逾期2天）", list[0].DeadlineText);
        Assert.False(list[1].Overdue);
    }

    [Fact]
    public void Each_approval_step_waits_for_the_office_the_chain_names_in_the_state_it_starts_from()
    {
        foreach (var (item, step) in new[] { (WorkItem.Apply, ApprovalStep.Apply), (WorkItem.ApproveByVillage, ApprovalStep.ApproveByVillage),
                     (WorkItem.ApproveByTown, ApprovalStep.ApproveByTown), (WorkItem.ApproveByDistrict, ApprovalStep.ApproveByDistrict), (WorkItem.File, ApprovalStep.File) })
        {
            var move = ApprovalChain.Of(step);
            Assert.Equal(move.From, NextActions.CountedStatus(item));
            Assert.Contains(item, NextActions.WaitingFor(move.Role));
        }
    }

    [Fact]
    public void Returned_households_count_as_the_village_s_and_notices_ready_to_pass_are_counted_as_notices()
    {
        Assert.Equal(HouseholdStatus.Returned, NextActions.CountedStatus(WorkItem.CorrectReturned));
        Assert.Equal(HouseholdStatus.Proposed, NextActions.CountedStatus(WorkItem.SubmitSurvey));
        Assert.Equal(HouseholdStatus.SubmittedByTown, NextActions.CountedStatus(WorkItem.ReviewSurvey));
        Assert.Equal(HouseholdStatus.ReviewedByDistrict, NextActions.CountedStatus(WorkItem.PostNotice));
        Assert.Null(NextActions.CountedStatus(WorkItem.PassNotice));
    }

    [Fact]
    public void Only_eligible_households_wait_for_the_town_s_submission()
    {
        Assert.True(NextActions.CountsOnlyEligible(WorkItem.SubmitSurvey));
        Assert.DoesNotContain(Enum.GetValues<WorkItem>(), i => i != WorkItem.SubmitSurvey && NextActions.CountsOnlyEligible(i));
    }

    [Fact]
    public void Deadlines_come_from_the_programme_s_phases()
    {
        var p = DemoData.Liunan2020();
        // 附件1 by the survey phase's deadline; review and correction close the survey phase; notices and approvals by the approval deadline.
        Assert.Equal(new DateOnly(2020, 4, 9), NextActions.Deadline(WorkItem.SubmitSurvey, p));
        Assert.Equal(new DateOnly(2020, 4, 16), NextActions.Deadline(WorkItem.ReviewSurvey, p));
        Assert.Equal(new DateOnly(2020, 4, 9), NextActions.Deadline(WorkItem.ChaseSurveys, p));
        Assert.Equal(new DateOnly(2020, 4, 16), NextActions.Deadline(WorkItem.CorrectReturned, p));
        Assert.Equal(new DateOnly(2020, 4, 29), NextActions.Deadline(WorkItem.PostNotice, p));
        Assert.Equal(new DateOnly(2020, 4, 29), NextActions.Deadline(WorkItem.File, p));

        p.SetPhase(ProgrammePhase.Survey, new(2021, 3, 1), new(2021, 3, 20), new(2021, 3, 12), "报送附件1");
        Assert.Equal(new DateOnly(2021, 3, 12), NextActions.Deadline(WorkItem.SubmitSurvey, p));
    }

    [Fact]
    public void The_deadline_reads_days_left_today_or_days_overdue()
    {
        var april9 = new DateOnly(2020, 4, 9);
        Assert.Equal("截止4月9日（还有4天）", NextActions.DeadlineText(april9, April5));
        Assert.Equal("截止4月9日（今天截止）", NextActions.DeadlineText(april9, april9));
        Assert.Equal("截止4月9日（已逾期3天）", NextActions.DeadlineText(april9, new DateOnly(2020, 4, 12)));
        // Seen in another year, the deadline says its year.
        Assert.Equal("截止2020年4月9日（已逾期268天）", NextActions.DeadlineText(april9, new DateOnly(2021, 1, 2)));
    }

    [Fact]
    public void The_list_holds_only_work_with_something_waiting_most_urgent_first()
    {
        var p = DemoData.Liunan2020();
        var counts = new Dictionary<WorkItem, int> { [WorkItem.PostNotice] = 3, [WorkItem.CorrectReturned] = 2, [WorkItem.Apply] = 0, [WorkItem.ReviewSurvey] = 5 };
        var list = NextActions.List(Role.VillageBranch, counts, p, new DateOnly(2020, 4, 20));
        Assert.Equal([WorkItem.CorrectReturned, WorkItem.PostNotice], list.Select(a => a.Item));
        Assert.Equal(2, list[0].Count);
        Assert.True(list[0].Overdue);
        Assert.Equal("截止4月16日（已逾期4天）", list[0].DeadlineText);
        Assert.False(list[1].Overdue);
        Assert.Equal("户", list[1].Unit);
    }

    [Fact]
    public void Without_the_phase_there_is_no_deadline()
    {
        var p = new Programme(2021, "450204000000", "无阶段");
        var list = NextActions.List(Role.DistrictFederation, One(WorkItem.ReviewSurvey), p, April5);
        Assert.Null(Assert.Single(list).Deadline);
        Assert.False(list[0].Overdue);
    }
}
