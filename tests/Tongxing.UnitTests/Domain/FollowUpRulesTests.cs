using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class FollowUpRulesTests
{
    private static readonly DateOnly Today = new(2020, 6, 1);
    private static readonly DateTimeOffset Now = new(2020, 6, 1, 4, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.Parse("6a1c2f9e-8a54-4c1e-9d53-0f0e6b7a1d01");

    private static SupportLogInput Log() => new() { Id = Id.ToString(), On = "2020-05-30", Kind = "Funds", Content = " 送去种苗款 ", Money = "1,200.5元" };

    private static VisitInput Visit() => new() { Id = Id.ToString(), On = "2020-05-30", Visitors = "镇残联 李某", Findings = "项目正常", Rating = "较好" };

    private static IEnumerable<string> Fields(Result r) => r.Errors.Select(e => e.Field);

    [Fact]
    public void A_support_log_carries_the_phones_id_a_real_past_date_a_kind_its_content_and_money_in_fen()
    {
        var (d, ok) = FollowUpRules.CheckLog(Log(), Today, Now);
        Assert.True(ok.Succeeded);
        Assert.Equal(new SupportLogDetails(Id, new DateOnly(2020, 5, 30), SupportKind.Funds, "送去种苗款", 120050, null, null, null), d);
        Assert.Equal(SupportKind.Care, FollowUpRules.CheckLog(new SupportLogInput { Id = Id.ToString(), On = "2020-05-30", Kind = "慰问", Content = "x" }, Today, Now).Details!.Kind);

        var bad = FollowUpRules.CheckLog(new SupportLogInput { Id = Guid.Empty.ToString(), On = "2020-06-02", Kind = "Cash", Content = "", Money = "-1" }, Today, Now).Result;
        Assert.Equal(["Id", "On", "Kind", "Content", "Money"], Fields(bad));
        // A kind that is none (an API client's guess) is named with the ones there are; nothing chosen is asked for.
        Assert.Equal("帮扶方式“Cash”不存在，可选：Project（项目）、Skills（技术）、Information（信息）、Funds（资金）、Care（慰问）、Other（其他）",
            bad.Errors.Single(e => e.Field == "Kind").Message);
        Assert.StartsWith("请选择帮扶方式", FollowUpRules.CheckLog(new SupportLogInput { Id = Id.ToString(), On = "2020-05-30", Content = "x" }, Today, Now).Result.Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(["Money"], Fields(FollowUpRules.CheckLog(new SupportLogInput { Id = Id.ToString(), On = "2020-05-30", Kind = "Funds", Content = "x" }, Today, Now).Result));
        Assert.Equal(["Content"], Fields(FollowUpRules.CheckLog(new SupportLogInput { Id = Id.ToString(), On = "2020-05-30", Kind = "Skills", Content = new string('长', 501) }, Today, Now).Result));
    }

    [Fact]
    public void A_place_is_kept_only_whole_and_real_and_a_phones_wrong_clock_loses_no_record()
    {
        var log = Log();
        (log.Latitude, log.Longitude, log.Accuracy) = ("24.3264417", "109.3892", "12.34");
        Assert.Equal(new GeoPoint(24.326442, 109.3892, 12.3), FollowUpRules.CheckLog(log, Today, Now).Details!.Where);
        foreach (var (lat, lon) in new[] { ("91", "100"), ("0", "0"), ("24", ""), ("NaN", "100"), ("x", "y") })
        {
            (log.Latitude, log.Longitude, log.Accuracy) = (lat, lon, null);
            Assert.Equal(["Latitude"], Fields(FollowUpRules.CheckLog(log, Today, Now).Result));
        }
        (log.Latitude, log.Longitude, log.Accuracy) = ("24", "109", "-5");
        Assert.Equal(["Accuracy"], Fields(FollowUpRules.CheckLog(log, Today, Now).Result));

        var errors = new List<FieldError>();
        Assert.Equal(Now.AddDays(-2), FollowUpRules.WrittenAt(Now.AddDays(-2).ToOffset(TimeSpan.FromHours(8)).ToString("O"), Now, errors));
        Assert.Null(FollowUpRules.WrittenAt(Now.AddYears(6).ToString("O"), Now, errors));
        Assert.Empty(errors);
        Assert.Null(FollowUpRules.WrittenAt("昨天", Now, errors));
        Assert.Equal("WrittenAt", Assert.Single(errors).Field);
    }

    [Fact]
    public void A_return_visit_names_its_visitors_and_rates_the_helper_a_helpers_visit_needs_neither()
    {
        var (d, ok) = FollowUpRules.CheckVisit(Visit(), VisitKind.ReturnVisit, Today, Now);
        Assert.True(ok.Succeeded);
        Assert.Equal(HelperRating.Fair, d!.Rating);
        Assert.Equal(["Visitors", "Findings", "Rating"], Fields(FollowUpRules.CheckVisit(new VisitInput { Id = Id.ToString(), On = "2020-05-30" }, VisitKind.ReturnVisit, Today, Now).Result));

        var helper = FollowUpRules.CheckVisit(new VisitInput { Id = Id.ToString(), On = "2020-05-30", Findings = "走访", Rating = "Good", RatingComment = "自评" }, VisitKind.HelperVisit, Today, Now);
        Assert.True(helper.Result.Succeeded);
        Assert.Null(helper.Details!.Rating);
        Assert.Null(helper.Details.RatingComment);
        Assert.Null(helper.Details.Visitors);
        Assert.Equal(["Findings"], Fields(FollowUpRules.CheckVisit(new VisitInput { Id = Id.ToString(), On = "2020-05-30" }, VisitKind.HelperVisit, Today, Now).Result));
    }

    [Fact]
    public void A_record_is_not_dated_before_its_pairing()
    {
        Assert.True(FollowUpRules.NotBefore(new DateOnly(2020, 5, 20), new DateOnly(2020, 5, 20)).Succeeded);
        Assert.Equal("日期不能早于结对日期2020-05-20", FollowUpRules.NotBefore(new DateOnly(2020, 5, 19), new DateOnly(2020, 5, 20)).Errors.Single().Message);
    }

    [Fact]
    public void Only_a_return_visit_recorded_after_what_the_phone_saw_and_close_to_its_date_is_a_possible_duplicate()
    {
        var t = new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);
        RecordedVisit[] visits =
        [
            new(new DateOnly(2020, 3, 1), t.AddDays(-90), Guid.NewGuid(), "镇残联 甲"),
            new(new DateOnly(2020, 5, 28), t, Guid.NewGuid(), "镇党委 乙"),
        ];
        var on = new DateOnly(2020, 5, 30);
        Assert.Null(FollowUpRules.PossibleDuplicate(visits, null, on, 15));
        Assert.Null(FollowUpRules.PossibleDuplicate(visits, 2, on, 15));
        Assert.Equal("镇党委 乙", FollowUpRules.PossibleDuplicate(visits, 1, on, 15)!.By);
        Assert.Equal("镇党委 乙", FollowUpRules.PossibleDuplicate(visits, 0, on, 15)!.By);
        Assert.Null(FollowUpRules.PossibleDuplicate(visits, 1, new DateOnly(2020, 7, 1), 15));
        Assert.Equal("该户已于5月28日由镇党委 乙回访，本次回访可能重复。如确属另一次回访，请选择“仍然发送”", FollowUpRules.DuplicateMessage(visits[1]));
    }

    [Fact]
    public void The_same_id_means_the_same_record()
    {
        var who = new Actor("u", "陆师傅", Role.Helper, new AreaScope(AreaLevel.Village, "450204101201"));
        var d = FollowUpRules.CheckLog(Log(), Today, Now).Details!;
        var (details, _) = HouseholdRegistration.Check(HouseholdRegistrationTests.Valid(), AreaPath.Of(DemoData.LuomanVillage, DemoData.Areas().ToDictionary(a => a.Code))!,
            new DateOnly(2020, 4, 5));
        var h = Household.Propose(details!, 1, "u1", "测试", DateTimeOffset.UnixEpoch);
        var stored = SupportLog.Create(d.Id, h, null, d.On, d.Kind, d.Content, d.MoneyFen, d.Goods, null, null, who, Now);
        Assert.True(FollowUpRules.Same(stored, h.Id, d));
        Assert.False(FollowUpRules.Same(stored, Guid.NewGuid(), d));
        Assert.False(FollowUpRules.Same(stored, h.Id, d with { Content = "别的" }));
    }
}
