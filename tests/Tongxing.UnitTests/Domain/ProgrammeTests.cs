using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class ProgrammeTests
{
    [Fact]
    public void Liunan_2020_is_configured_as_the_plan_says()
    {
        var p = DemoData.Liunan2020();
        Assert.True(p.Validate().Succeeded);
        Assert.Equal(152, p.Quota);
        Assert.Equal([70, 82], p.TownQuotas.OrderBy(q => q.TownCode).Select(q => q.Quota));
        Assert.Equal(Money.FromYuan(152_000), p.TotalSubsidy);
        Assert.Equal((16, 59), p.WorkingAge(Gender.Male));
        Assert.Equal((16, 54), p.WorkingAge(Gender.Female));
        Assert.Equal(new DateOnly(2020, 4, 9), p.Phases.Single(x => x.Phase == ProgrammePhase.Survey).Deadline);
        Assert.Equal(new DateOnly(2020, 5, 27), p.Phases.Single(x => x.Phase == ProgrammePhase.Pairing).Deadline);
    }

    [Fact]
    public void Fund_split_follows_the_configured_shares()
    {
        var split = DemoData.Liunan2020().FundSplit();
        Assert.Equal(
            [(FundSource.Region, Money.FromYuan(106_400)), (FundSource.City, Money.FromYuan(15_200)), (FundSource.District, Money.FromYuan(30_400))],
            split);
    }

    [Fact]
    public void Changed_shares_change_the_split_without_code_changes()
    {
        var p = DemoData.Liunan2020();
        p.SetFundShare(FundSource.Region, 6000, "");
        p.SetFundShare(FundSource.District, 3000, "");
        Assert.Equal(Money.FromYuan(91_200), p.FundSplit()[0].Amount);
    }

    [Fact]
    public void Town_quotas_that_do_not_add_up_to_the_district_quota_are_flagged()
    {
        var p = DemoData.Liunan2020();
        p.SetTownQuota(DemoData.Luoman, 60);
        var result = p.Validate();
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Message.Contains("各镇任务数之和", StringComparison.Ordinal));
    }

    [Fact]
    public void Shares_not_adding_to_100_percent_are_flagged()
    {
        var p = DemoData.Liunan2020();
        p.SetFundShare(FundSource.City, 500, "");
        Assert.Contains(p.Validate().Errors, e => e.Field == nameof(Programme.FundShares));
    }

    private static IReadOnlyList<FieldError> ErrorsAfter(Action<Programme> change, ProgrammeLimits? limits = null)
    {
        var p = DemoData.Liunan2020();
        change(p);
        return p.Validate(limits ?? ProgrammeLimits.Default).Errors;
    }

    [Theory]
    [InlineData("Name", "请填写项目名称")]
    [InlineData("Quota", "帮扶任务数应大于0")]
    [InlineData("MinHouseholdsPerVillage", "不能为负数")]
    [InlineData("SubsidyPerHousehold", "不能低于1,000.00元")]
    [InlineData("NoticeWorkingDays", "公示期应为5至15个工作日")]
    [InlineData("MinSkills", "实用技术")]
    [InlineData("MinHelpers", "帮扶党员")]
    [InlineData("ReferenceDate", "年龄计算基准日")]
    [InlineData("PriorityIncomeThreshold", "不能为负数")]
    public void Each_field_is_checked_with_a_Chinese_message_at_that_field(string field, string message)
    {
        var errors = ErrorsAfter(p =>
        {
            var s = p.Settings;
            switch (field)
            {
                case "Name": p.Apply(s with { Name = " " }); break;
                case "Quota": p.Apply(s with { Quota = 0, TownQuotas = [] }); break;
                case "MinHouseholdsPerVillage": p.Apply(s with { MinHouseholdsPerVillage = -1 }); break;
                case "SubsidyPerHousehold": p.Apply(s with { SubsidyPerHousehold = Money.FromYuan(999) }); break;
                case "NoticeWorkingDays": p.Apply(s with { NoticeWorkingDays = 4 }); break;
                case "MinSkills": p.Apply(s with { MinSkills = 3, MaxSkills = 2 }); break;
                case "MinHelpers": p.Apply(s with { MinHelpers = 0 }); break;
                case "ReferenceDate": p.Apply(s with { ReferenceDate = new DateOnly(2030, 1, 1) }); break;
                case "PriorityIncomeThreshold": p.Apply(s with { PriorityIncomeThreshold = new Money(-1) }); break;
            }
        });
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_year_outside_2000_to_2099_is_refused()
    {
        Assert.Contains(new Programme(1999, DemoData.LiunanDistrict, "x").Validate().Errors, e => e.Field == "Year" && e.Message.Contains("年度应在2000年至2099年之间", StringComparison.Ordinal));
    }

    [Fact]
    public void The_subsidy_floor_and_notice_bounds_come_from_the_limits_given()
    {
        Assert.Empty(ErrorsAfter(_ => { }, new ProgrammeLimits(Money.FromYuan(1000), 5, 5)));
        Assert.Contains(ErrorsAfter(_ => { }, new ProgrammeLimits(Money.FromYuan(1200), 5, 15)), e => e.Field == nameof(Programme.SubsidyPerHousehold));
        Assert.Contains(ErrorsAfter(_ => { }, new ProgrammeLimits(Money.FromYuan(1000), 6, 15)), e => e.Field == nameof(Programme.NoticeWorkingDays));
    }

    [Fact]
    public void A_share_outside_0_to_100_percent_is_refused_at_the_fund_shares()
    {
        var errors = ErrorsAfter(p => p.SetFundShare(FundSource.City, -1000, ""));
        Assert.Contains(errors, e => e.Field == nameof(Programme.FundShares) && e.Message.Contains("0%至100%", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_phase_needs_dates_in_order_in_the_programme_year_with_the_deadline_inside()
    {
        var missing = new Programme(2021, DemoData.LiunanDistrict, "x");
        Assert.Contains(missing.Validate().Errors, e => e.Field == "Phases[5]" && e.Message.Contains("检查验收", StringComparison.Ordinal));

        Assert.Contains(ErrorsAfter(p => p.SetPhase(ProgrammePhase.Funds, new(2020, 5, 7), new(2020, 4, 27), null, null)),
            e => e.Field == "Phases[2]" && e.Message.Contains("结束日期不能早于开始日期", StringComparison.Ordinal));
        Assert.Contains(ErrorsAfter(p => p.SetPhase(ProgrammePhase.Summary, new(2021, 11, 16), new(2021, 11, 23), null, null)),
            e => e.Field == "Phases[4]" && e.Message.Contains("应在2020年内开始", StringComparison.Ordinal));
        Assert.Contains(ErrorsAfter(p => p.SetPhase(ProgrammePhase.Survey, new(2020, 4, 2), new(2020, 4, 16), new(2020, 4, 20), "附件1")),
            e => e.Field == "Phases[0]" && e.Message.Contains("截止日期应在阶段起止日期之内", StringComparison.Ordinal));
    }

    [Fact]
    public void Liunan_2020_has_the_inspection_by_27_November()
    {
        var inspection = DemoData.Liunan2020().Phase(ProgrammePhase.Inspection)!;
        Assert.Equal(new DateOnly(2020, 11, 27), inspection.Deadline);
        Assert.Equal("检查验收", Programme.PhaseLabel(ProgrammePhase.Inspection));
    }

    [Fact]
    public void A_copy_moves_every_date_one_year_and_keeps_every_number()
    {
        var source = DemoData.Liunan2020();
        var copy = source.CopyForNextYear();
        Assert.Equal(2021, copy.Year);
        Assert.Equal(source.DistrictCode, copy.DistrictCode);
        Assert.Equal("2021年柳南区“党员扶残 温暖同行”项目", copy.Name);
        Assert.Equal(new DateOnly(2021, 4, 2), copy.ReferenceDate);
        Assert.Equal(new DateOnly(2021, 4, 9), copy.Phase(ProgrammePhase.Survey)!.Deadline);
        Assert.Equal(new DateOnly(2021, 11, 27), copy.Phase(ProgrammePhase.Inspection)!.End);
        Assert.Equal(source.Settings with { Name = copy.Name, ReferenceDate = copy.ReferenceDate, Phases = [], TownQuotas = [], FundShares = [] },
            copy.Settings with { Phases = [], TownQuotas = [], FundShares = [] });
        Assert.Equal(source.Settings.TownQuotas, copy.Settings.TownQuotas);
        Assert.Equal(source.Settings.FundShares, copy.Settings.FundShares);
        Assert.True(copy.Validate().Succeeded);
    }

    [Fact]
    public void The_current_programme_is_the_latest_whose_survey_has_started_else_the_one_about_to_begin()
    {
        var y2020 = DemoData.Liunan2020();
        var y2021 = y2020.CopyForNextYear();
        Programme? Current(DateOnly today, params Programme[] ps) => Programme.CurrentOf(ps, p => p.Year, p => p.Phase(ProgrammePhase.Survey)?.Start, today);
        Assert.Same(y2020, Current(new(2021, 4, 1), y2020, y2021));
        Assert.Same(y2021, Current(new(2021, 4, 2), y2020, y2021));
        Assert.Same(y2020, Current(new(2019, 1, 1), y2021, y2020));
        Assert.Null(Current(new(2020, 1, 1)));
    }

    private static readonly DateOnly DuringSurvey = new(2020, 4, 5);

    private static ProgrammeUsage Accepted(int luoman, bool notices = false) =>
        new(200, 100, new Dictionary<string, int> { [DemoData.Luoman] = luoman }, notices);

    [Fact]
    public void The_quota_and_a_town_quota_cannot_fall_below_what_is_accepted()
    {
        var p = DemoData.Liunan2020();
        var s = p.Settings;
        var lower = s with { Quota = 100, TownQuotas = [new(DemoData.Luoman, 40), new(DemoData.Liushan, 60)] };
        var errors = ProgrammeChanges.Check(p, lower, Accepted(45), DuringSurvey).Errors;
        Assert.Contains(errors, e => e.Field == ProgrammeChanges.TownQuotas && e.Message.Contains("已有45户通过区残联审核", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Field == ProgrammeChanges.Quota);
        Assert.Contains(ProgrammeChanges.Check(p, s with { Quota = 40 }, Accepted(45), DuringSurvey).Errors, e => e.Field == ProgrammeChanges.Quota);
        Assert.True(ProgrammeChanges.Check(p, lower, Accepted(40), DuringSurvey).Succeeded);
    }

    [Fact]
    public void Subsidy_and_shares_are_fixed_once_the_funds_phase_has_started()
    {
        var p = DemoData.Liunan2020();
        var s = p.Settings;
        var changed = s with { SubsidyPerHousehold = Money.FromYuan(1200), FundShares = [new(FundSource.Region, 10_000, "")] };
        Assert.True(ProgrammeChanges.Check(p, changed, ProgrammeUsage.None, new(2020, 4, 26)).Succeeded);
        var errors = ProgrammeChanges.Check(p, changed, ProgrammeUsage.None, new(2020, 4, 27)).Errors;
        Assert.Contains(errors, e => e.Field == ProgrammeChanges.Subsidy);
        Assert.Contains(errors, e => e.Field == ProgrammeChanges.FundShares);
        Assert.Contains(ProgrammeChanges.Locks(p, ProgrammeUsage.None, new(2020, 4, 27)), l => l.Field == ProgrammeChanges.Subsidy);
    }

    [Fact]
    public void Subsidy_and_shares_are_fixed_once_the_district_has_accepted_a_household()
    {
        var p = DemoData.Liunan2020();
        var changed = p.Settings with { SubsidyPerHousehold = Money.FromYuan(5000), FundShares = [new(FundSource.Region, 10_000, "")] };
        var accepted = new ProgrammeUsage(12, 12, new Dictionary<string, int> { [DemoData.Luoman] = 12 }, false);
        var errors = ProgrammeChanges.Check(p, changed, accepted, new(2020, 4, 20)).Errors;
        Assert.Contains(errors, e => e.Field == ProgrammeChanges.Subsidy && e.Message.Contains("已有12户通过区残联审核", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == ProgrammeChanges.FundShares);
        Assert.Contains(ProgrammeChanges.Locks(p, accepted, new(2020, 4, 20)), l => l.Field == ProgrammeChanges.FundShares);
    }

    [Fact]
    public void A_phase_that_is_over_keeps_its_dates_and_one_under_way_keeps_its_start()
    {
        var p = DemoData.Liunan2020();
        var s = p.Settings;
        PhaseWindow Moved(ProgrammePhase ph, int startDays, int endDays) => s.Phases.Single(x => x.Phase == ph) is var w
            ? w with { Start = w.Start.AddDays(startDays), End = w.End.AddDays(endDays) } : null!;
        ProgrammeSettings With(PhaseWindow w) => s with { Phases = [.. s.Phases.Select(x => x.Phase == w.Phase ? w : x)] };
        var today = new DateOnly(2020, 4, 20);
        Assert.Contains(ProgrammeChanges.Check(p, With(Moved(ProgrammePhase.Survey, 0, 1)), ProgrammeUsage.None, today).Errors,
            e => e.Field == "Phases[0]" && e.Message.Contains("已于2020年4月16日结束", StringComparison.Ordinal));
        Assert.Contains(ProgrammeChanges.Check(p, With(Moved(ProgrammePhase.Approval, 1, 0)), ProgrammeUsage.None, today).Errors,
            e => e.Field == "Phases[1]" && e.Message.Contains("开始日期不能再改", StringComparison.Ordinal));
        Assert.True(ProgrammeChanges.Check(p, With(Moved(ProgrammePhase.Approval, 0, 2)), ProgrammeUsage.None, today).Succeeded);
        Assert.True(ProgrammeChanges.Check(p, With(Moved(ProgrammePhase.Pairing, 3, 3)), ProgrammeUsage.None, today).Succeeded);
    }

    [Fact]
    public void The_notice_length_is_fixed_once_a_notice_exists()
    {
        var p = DemoData.Liunan2020();
        var longer = p.Settings with { NoticeWorkingDays = 7 };
        Assert.True(ProgrammeChanges.Check(p, longer, Accepted(0), DuringSurvey).Succeeded);
        Assert.Contains(ProgrammeChanges.Check(p, longer, Accepted(0, notices: true), DuringSurvey).Errors, e => e.Field == ProgrammeChanges.NoticeWorkingDays);
    }

    [Fact]
    public void Towns_with_villages_but_no_quota_are_flagged()
    {
        Assert.Equal(["450204103000"], ProgrammeChanges.TownsWithoutQuota([new(DemoData.Luoman, 70)], [DemoData.Luoman, "450204103000"]));
        Assert.Equal([DemoData.Liushan], ProgrammeChanges.TownsWithoutQuota([new(DemoData.Luoman, 70), new(DemoData.Liushan, 0)], [DemoData.Luoman, DemoData.Liushan]));
    }
}
