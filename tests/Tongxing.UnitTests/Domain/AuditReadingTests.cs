using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class AuditReadingTests
{
    private const string Id = "450204198001011234";

    [Fact]
    public void Records_are_named_in_Chinese_not_by_their_type()
    {
        Assert.Equal("用户账号", AuditReading.EntityLabel("AppUser"));
        Assert.Equal("账号安全设置（两步验证密钥等）", AuditReading.EntityLabel("IdentityUserToken`1"));
        Assert.Equal("帮扶对象", AuditReading.EntityLabel("Household"));
        Assert.Equal("", AuditReading.EntityLabel(null));
        Assert.DoesNotContain(AuditReading.EntityTypes, t => t.Label.Contains('`', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("电话13812345678", "电话138****5678")]
    [InlineData("电话138 1234 5678", "电话138****5678")]
    [InlineData("电话138-1234-5678。", "电话138****5678。")]
    [InlineData("电话138.1234.5678", "电话138****5678")]
    [InlineData("电话１３８１２３４５６７８", "电话138****5678")]
    [InlineData("身份证450204 19900101 1234", "身份证450204********1234")]
    [InlineData("身份证4502-0419-9001-0112-3X", "身份证450204********123X")]
    [InlineData("于2020-05-06 10:00送去化肥50公斤，花费1,200.50元", "于2020-05-06 10:00送去化肥50公斤，花费1,200.50元")]
    public void Numbers_in_free_text_are_masked_however_they_are_written(string text, string shown)
    {
        Assert.Equal(shown, AuditReading.MaskText(text));
    }

    [Fact]
    public void A_change_reads_field_old_and_new_in_words()
    {
        var lines = AuditReading.Describe("修改", "Household", """{"Status":[1,2],"IsReserve":[false,true],"PerCapitaIncome":[420050,380000],"Version":[1,2]}""", true);
        Assert.Equal(["家庭人均年纯收入：4,200.50元 → 3,800.00元", "办理状态：村已提名 → 镇已报送待审核", "备选：否 → 是"], lines);
    }

    [Fact]
    public void Times_are_shown_in_China_time_and_nothing_as_empty()
    {
        var lines = AuditReading.Describe("修改", "AppUser", """{"LockoutEnd":[null,"2020-04-05T02:15:00.0000000Z"],"AccessFailedCount":[4,0]}""", true);
        Assert.Equal(["连续登录失败次数：4 → 0", "锁定至：（空） → 2020-04-05 10:15:00"], lines);
    }

    [Fact]
    public void A_record_created_with_its_parts_is_one_line_per_part_without_internal_keys()
    {
        var details = $$$"""{"Household":{"HeadName":"韦一","HeadIdNumber":"{{{Id}}}","SearchKeys":"韦一 {{{Id}}}","Status":1},"Member 7f0c":{"Name":"韦一","Gender":1,"IdNumber":"{{{Id}}}","IdNumberReversed":"4321","Relation":1,"DisabilityCategory":4,"DisabilityGrade":2}}""";
        var lines = AuditReading.Describe("新增", "Household", details, true);
        Assert.Equal(2, lines.Count);
        Assert.Equal($"帮扶对象：户主姓名 韦一；户主身份证号 {Id}；办理状态 村已提名", lines[0]);
        Assert.Equal($"家庭成员：姓名 韦一；性别 男；身份证号 {Id}；与户主关系 户主；残疾类别 肢体残疾；残疾等级 二级", lines[1]);
    }

    [Fact]
    public void A_masked_viewer_sees_no_ID_phone_certificate_birth_date_or_disability_in_the_log()
    {
        var details = $$$"""{"Member 1":{"Name":"韦一","IdNumber":"{{{Id}}}","BirthDate":"1980-01-01","CertificateNumber":"{{{Id}}}42","DisabilityCategory":4,"DisabilityGrade":2,"Phone":"13877001234"}}""";
        var line = Assert.Single(AuditReading.Describe("新增", "Member", details, false));
        Assert.Equal("家庭成员：姓名 韦一；身份证号 450204********1234；出生日期 （不显示）；残疾人证号 已持证；残疾类别 已登记残疾；残疾等级 已登记残疾；联系电话 138****1234", line);
        Assert.DoesNotContain("19800101", line, StringComparison.Ordinal);
        Assert.DoesNotContain("1980-01-01", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_in_free_text_are_masked_for_a_masked_viewer_and_shown_to_others()
    {
        Assert.Equal(["用户名：x；核对身份证450204********1234，电话138****1234"], AuditReading.Describe("登录失败", "AppUser", $"用户名：x；核对身份证{Id}，电话13877001234", false));
        Assert.Equal([$"核对身份证{Id}"], AuditReading.Describe("导出", null, $"核对身份证{Id}", true));
        Assert.Equal(["备注：户主身份证450204********1234有误"], AuditReading.Describe("修改", "Household", $$"""{"Remarks":[null,"户主身份证{{Id}}有误"]}""", false).Select(l => l.Replace("（空） → ", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void Text_that_only_looks_like_json_is_shown_as_text()
    {
        Assert.Equal(["{不是JSON"], AuditReading.Describe("导出", null, "{不是JSON", true));
        Assert.Empty(AuditReading.Describe("登录", "AppUser", null, true));
    }

    [Fact]
    public void Account_numbers_of_households_and_payments_are_masked_for_every_reader_of_the_log()
    {
        var change = AuditReading.Describe("修改", "Household", """{"BankAccountNumber":[null,"6230123456789012345"],"BankName":[null,"柳州银行"]}""", false);
        Assert.Equal(["银行账号：（空） → 6230***********2345", "开户银行：（空） → 柳州银行"], change);
        var payment = AuditReading.Describe("新增", "Payment", """{"AccountNumber":"6230123456789012345","PayeeIdNumber":"450204199001011234","Fen":100000,"State":3,"Method":1,"LiveHouseholdId":"x"}""", false);
        var line = Assert.Single(payment);
        Assert.Contains("银行账号 6230***********2345", line);
        Assert.DoesNotContain("450204199001011234", line);
        Assert.Contains("金额 1,000.00元", line);
        Assert.Contains("已发放", line);
        Assert.DoesNotContain("在途发放户", line);
        // Even a reader who sees full personal data (the district federation) reads the account masked: a full number is
        // shown only to the village and the town that pay, on request and audited.
        Assert.Contains("6230***********2345", Assert.Single(AuditReading.Describe("新增", "Payment", """{"AccountNumber":"6230123456789012345"}""", true)));
        Assert.DoesNotContain("6230123456789012345", Assert.Single(AuditReading.Describe("修改", "Household", """{"BankAccountNumber":["6245020419680610372","6230123412341200"]}""", true)));
    }

    [Fact]
    public void An_authenticator_key_created_for_an_account_reads_in_chinese()
    {
        var lines = AuditReading.Describe("新增", "IdentityUserToken`1", "{\"UserId\":\"u1\",\"LoginProvider\":\"[AspNetUserStore]\",\"Name\":\"AuthenticatorKey\"}", true);
        Assert.Equal(["设置项 两步验证密钥"], lines);
        Assert.Equal(["设置项 恢复码"], AuditReading.Describe("新增", "IdentityUserToken`1", "{\"LoginProvider\":\"[AspNetUserStore]\",\"Name\":\"RecoveryCodes\"}", false));
    }

    [Fact]
    public void A_files_type_reads_in_words()
    {
        Assert.Equal(["文件类型 JPEG 照片"], AuditReading.Describe("新增", "X", "{\"ContentType\":\"image/jpeg\"}", true));
        Assert.Equal(["凭证文件类型 PDF 文件"], AuditReading.Describe("新增", "X", "{\"VoucherContentType\":\"application/pdf\"}", false));
    }

    [Fact]
    public void Area_codes_are_read_by_name_where_the_reader_knows_them()
    {
        var names = new Dictionary<string, string> { ["450204102000"] = "洛满镇", ["450204102001"] = "洛满村" };
        Assert.Equal(["乡镇：洛满镇（450204102000）", "村（社区）：洛满村（450204102001） → 450204999001"],
            AuditReading.Describe("修改", "Household", """{"TownCode":"450204102000","VillageCode":["450204102001","450204999001"]}""", true, names));
        // Only where a code is an area's: a number that happens to match is not renamed.
        Assert.Equal(["备注：450204102000"], AuditReading.Describe("修改", "Household", """{"Remarks":"450204102000"}""", true, names));
        Assert.Equal(["乡镇：450204102000"], AuditReading.Describe("修改", "Household", """{"TownCode":"450204102000"}""", true));
    }
}
