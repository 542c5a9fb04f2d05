using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class ReceiptRulesTests
{
    private static readonly DateOnly Today = new(2020, 5, 1);

    [Fact]
    public void A_signed_receipt_needs_its_kind_a_real_date_not_in_the_future_and_the_photo()
    {
        var (details, ok) = ReceiptRules.Check("SignedPhoto", "2020-04-30", "ignored", null, null, hasPhoto: true, Today);
        Assert.True(ok.Succeeded);
        Assert.Equal(new ReceiptDetails(ReceiptKind.SignedPhoto, new DateOnly(2020, 4, 30), null, null, null), details);

        Assert.Equal("Kind", ReceiptRules.Check("Cash", "2020-04-30", null, null, null, true, Today).Result.Errors.Single().Field);
        Assert.Equal("签收日期不是有效日期（格式：2020-05-01）", ReceiptRules.Check("SignedPhoto", "2020-02-30", null, null, null, true, Today).Result.Errors.Single().Message);
        Assert.Equal("签收日期不能晚于今天", ReceiptRules.Check("SignedPhoto", "2020-05-02", null, null, null, true, Today).Result.Errors.Single().Message);
        Assert.True(ReceiptRules.Check("SignedPhoto", "2020-05-01", null, null, null, true, Today).Result.Succeeded);
        Assert.Equal("请上传户主签字的签收单照片", ReceiptRules.Check("SignedPhoto", "2020-05-01", null, null, null, false, Today).Result.Errors.Single().Message);
    }

    [Fact]
    public void A_proxy_signature_names_the_proxy_the_relation_and_the_reason_and_still_needs_the_photo()
    {
        var missing = ReceiptRules.Check("Proxy", "2020-05-01", " ", null, "", false, Today).Result;
        Assert.Equal(["ProxyName", "ProxyRelation", "ProxyReason", "Photo"], missing.Errors.Select(e => e.Field));
        Assert.Equal("请上传有代签人签字的签收单照片", missing.Errors[^1].Message);

        Assert.Equal("代签人姓名含有不可见的控制字符，请重新输入", ReceiptRules.Check("Proxy", "2020-05-01", "韦\u0007某", "子女", "视力残疾", true, Today).Result.Errors.Single().Message);
        Assert.Equal("ProxyReason", ReceiptRules.Check("Proxy", "2020-05-01", "韦某", "子女", new string('长', 201), true, Today).Result.Errors.Single().Field);
        Assert.Equal("ProxyName", ReceiptRules.Check("Proxy", "2020-05-01", new string('韦', 31), "子女", "视力残疾", true, Today).Result.Errors.Single().Field);
        var (details, ok) = ReceiptRules.Check("Proxy", "2020-05-01", " 韦小红 ", "女儿", "视力残疾无法签字", true, Today);
        Assert.True(ok.Succeeded);
        Assert.Equal(("韦小红", "女儿", "视力残疾无法签字"), (details!.ProxyName, details.ProxyRelation, details.ProxyReason));
    }

    [Theory]
    [InlineData("2020-04-31", null, true, true, null, "StartedOn")]
    [InlineData("2020-05-02", "说明", true, true, null, "StartedOn")]
    [InlineData("2020-04-29", "说明", true, true, "2020-04-30", "StartedOn")]
    [InlineData("2020-04-30", "说明", false, true, "2020-04-30", "Photo")]
    public void A_project_start_is_refused_at_its_field(string on, string? note, bool photo, bool first, string? paid, string field)
    {
        var refused = ProjectStartRules.Check(on, note, photo, first, paid is null ? null : DateOnly.Parse(paid, System.Globalization.CultureInfo.InvariantCulture), Today, out var result);
        Assert.Null(refused);
        Assert.Equal(field, result.Errors.Single().Field);
    }

    [Fact]
    public void A_project_start_correction_keeps_its_photo_and_a_long_note_is_refused()
    {
        Assert.Equal((new DateOnly(2020, 4, 30), "已购入母猪2头"), ProjectStartRules.Check("2020-04-30", " 已购入母猪2头\u0000 ", false, false, new DateOnly(2020, 4, 30), Today, out var ok));
        Assert.True(ok.Succeeded);
        Assert.Null(ProjectStartRules.Check("2020-04-30", new string('长', 501), true, true, null, Today, out var tooLong));
        Assert.Equal("Note", tooLong.Errors.Single().Field);
    }

    [Theory]
    [InlineData("2020-05-01", 2, "还剩6天", 6, null)]
    [InlineData("2020-05-07", 2, "今天截止", 0, null)]
    [InlineData("2020-05-10", 2, "已逾期3天", null, 3)]
    [InlineData("2020-05-10", 0, "已全部发放", 0, null)]
    [InlineData("2020-05-01", 0, "已全部发放", 6, null)]
    public void The_funds_deadline_counts_calendar_days_left_or_overdue(string today, int unpaid, string text, int? left, int? overdue)
    {
        var standing = DeadlineStanding.Of(new DateOnly(2020, 5, 7), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), unpaid);
        Assert.Equal((text, left, overdue), (standing.Text, standing.DaysLeft, standing.DaysOverdue));
    }

    [Fact]
    public void Without_a_deadline_the_standing_says_so()
    {
        Assert.Equal("未设截止日期", DeadlineStanding.Of(null, Today, 3).Text);
    }
}
