using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Programmes;

namespace Tongxing.UnitTests.Features;

public sealed class ProgrammeInputTests
{
    [Theory]
    [InlineData("70", 7000)]
    [InlineData("12.5", 1250)]
    [InlineData("33.33%", 3333)]
    [InlineData("", 0)]
    public void Shares_are_typed_as_percentages_with_two_decimals(string typed, int basisPoints)
    {
        Assert.Equal(basisPoints, ProgrammeInput.ParsePercent(typed).Value);
    }

    [Theory]
    [InlineData("33.333", "最多保留两位小数")]
    [InlineData("101", "0至100")]
    [InlineData("-5", "0至100")]
    [InlineData("七十", "0至100")]
    public void A_share_that_is_not_a_percentage_says_why(string typed, string message)
    {
        Assert.Contains(message, ProgrammeInput.ParsePercent(typed).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_form_filled_from_a_programme_reads_back_the_same_settings()
    {
        var p = DemoData.Liunan2020();
        var (settings, errors) = ProgrammeInput.From(p).Parse();
        Assert.Empty(errors);
        Assert.Equal(p.Settings.TownQuotas, settings.TownQuotas);
        Assert.Equal(p.Settings.FundShares, settings.FundShares);
        Assert.Equal(p.Settings.Phases, settings.Phases);
        Assert.Equal(p.Settings with { TownQuotas = [], FundShares = [], Phases = [] }, settings with { TownQuotas = [], FundShares = [], Phases = [] });
    }

    [Fact]
    public void Missing_numbers_are_named_at_their_field()
    {
        var input = ProgrammeInput.From(DemoData.Liunan2020());
        input.Quota = null;
        input.SubsidyPerHousehold = "一千";
        var (_, errors) = input.Parse();
        Assert.Contains(errors, e => e.Field == "Quota" && e.Message == "请填写全区帮扶任务数");
        Assert.Contains(errors, e => e.Field == "SubsidyPerHousehold" && e.Message.StartsWith("每户扶持资金：", StringComparison.Ordinal));
    }

    [Fact]
    public void One_submit_of_a_half_filled_form_lists_the_unreadable_fields_and_every_rule_broken_elsewhere()
    {
        var input = ProgrammeInput.From(DemoData.Liunan2020());
        input.PriorityIncomeThreshold = "abc";
        input.Quota = null;
        input.Name = "";
        input.NoticeWorkingDays = 3;
        input.Phases[5].Start = null;
        var (settings, unread) = input.Parse();
        var errors = ProgrammeInput.RuleErrorsBeside(unread, Programme.Create(2020, DemoData.LiunanDistrict, settings), ProgrammeLimits.Default);
        Assert.Contains(errors, e => e.Field == "PriorityIncomeThreshold");
        Assert.Contains(errors, e => e.Field == "Quota" && e.Message == "请填写全区帮扶任务数");
        // The rules speak of the rest in the same answer…
        Assert.Contains(errors, e => e.Field == "Name");
        Assert.Contains(errors, e => e.Field == "NoticeWorkingDays");
        Assert.Contains(errors, e => e.Field == Programme.PhaseField(ProgrammePhase.Inspection));
        // …but not of what could not be read, nor of the split over towns while the quota is missing.
        Assert.Single(errors, e => e.Field == "Quota");
        Assert.DoesNotContain(errors, e => e.Field == "TownQuotas");
        Assert.Single(errors, e => e.Field == "PriorityIncomeThreshold");
    }
}
