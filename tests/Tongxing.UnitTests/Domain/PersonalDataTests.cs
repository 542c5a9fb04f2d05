using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

/// <summary>What a viewer who sees ID numbers masked may see of recorded text: nothing that restores the number.</summary>
public sealed class PersonalDataTests
{
    private const string Id = "450221198001013317";
    private static readonly DateOnly Birth = new(1980, 1, 1);

    [Fact]
    public void Recorded_numbers_birth_dates_phones_and_disability_of_an_audit_entry_are_hidden()
    {
        var details = "{\"Household\":{\"HeadIdNumber\":\"" + Id + "\",\"SearchKeys\":\";卢芳德;" + Id + ";\"},\"Member 1\":{\"IdNumber\":\"" + Id
            + "\",\"IdNumberReversed\":\"" + HouseholdSearch.Reverse(Id) + "\",\"BirthDate\":\"1980-01-01\",\"CertificateNumber\":\"" + Id
            + "42\",\"Phone\":\"13877001234\",\"DisabilityCategory\":4,\"DisabilityGrade\":2,\"Name\":\"卢芳德\"}}";
        var shown = PersonalData.Redact(details)!;
        Assert.DoesNotContain(Id, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(HouseholdSearch.Reverse(Id), shown, StringComparison.Ordinal);
        Assert.DoesNotContain("19800101", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("1980-01-01", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("13877001234", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("\"DisabilityCategory\":4", shown, StringComparison.Ordinal);
        Assert.Contains("\"Name\":\"卢芳德\"", shown, StringComparison.Ordinal);
        Assert.Contains("\"BirthDate\":\"[已隐藏]\"", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_value_is_hidden_on_both_sides()
    {
        var shown = PersonalData.Redact("""{"IdNumber":["450221198001013317","450221198002023317"],"Phone":[null,"13877001234"],"Group":["上屯","下屯"]}""")!;
        Assert.Equal("""{"IdNumber":"[已隐藏]","Phone":"[已隐藏]","Group":["上屯","下屯"]}""", shown);
    }

    [Theory]
    [InlineData("身份证号450221198001013317有误", "身份证号450221********3317有误")]
    [InlineData("证号45022119800101331742", "证号********************")]
    [InlineData("倒序7133101008912205 4", "倒序**************** 4")]
    [InlineData("电话13877001234", "电话138****1234")]
    [InlineData("2020年4月3日公示，2020-04-10期满", "2020年4月3日公示，2020-04-10期满")]
    public void Numbers_in_free_text_are_masked_and_other_text_kept(string text, string expected) =>
        Assert.Equal(expected, PersonalData.Redact(text));

    [Fact]
    public void A_known_birth_date_is_hidden_in_every_written_form()
    {
        var shown = PersonalData.Redact("生于1980年1月1日（1980-01-01，1980/1/1，19800101），2020年4月2日时40周岁", [Birth])!;
        Assert.DoesNotContain("1980", shown, StringComparison.Ordinal);
        Assert.Contains("2020年4月2日", shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("450221198001013317", true)]
    [InlineData("198001013317", true)]
    [InlineData("13317", true)]
    [InlineData("801", true)]
    [InlineData("卢芳德", false)]
    [InlineData("3317", false)]
    [InlineData("", false)]
    public void A_masked_viewer_searches_by_name_or_the_last_four_digits_only(string typed, bool refused) =>
        Assert.Equal(refused, HouseholdSearch.RefusalForMaskedViewer(HouseholdSearch.Parse(typed)) is not null);
}

public sealed class NoticeMaskTests
{
    [Theory]
    [InlineData("张小三", "张*三")]
    [InlineData("张三", "张*")]
    [InlineData("欧阳小明", "欧**明")]
    [InlineData("𠮷大福", "𠮷*福")]
    [InlineData("李𠮷", "李*")]
    [InlineData("😀表情", "😀*情")]
    [InlineData("阿依👩‍👩‍👧", "阿*👩‍👩‍👧")]
    [InlineData("王", "王")]
    public void Names_are_masked_by_whole_characters(string name, string expected)
    {
        var masked = NoticeMasks.Name(name);
        Assert.Equal(expected, masked);
        Assert.True(System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(masked)) == masked, "a half character does not survive UTF-8");
    }
}

public sealed class TextCutTests
{
    [Theory]
    [InlineData("短文", 10, "短文")]
    [InlineData("一二三四五六", 4, "一二三…")]
    [InlineData("一😀😀😀", 4, "一😀…")]
    [InlineData("一二😀😀", 4, "一二…")]
    [InlineData("一二😀😀", 5, "一二😀…")]
    [InlineData("𠮷𠮷𠮷𠮷", 6, "𠮷𠮷…")]
    public void Text_is_shortened_between_whole_characters(string text, int max, string expected)
    {
        var shortened = TextCut.Shorten(text, max);
        Assert.Equal(expected, shortened);
        Assert.True(shortened.Length <= max);
        Assert.Equal(shortened, System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(shortened)));
    }

    [Fact]
    public void A_masked_viewer_reads_the_age_verdict_but_not_the_age()
    {
        var text = "2020年4月2日时64周岁，超过女性劳动年龄上限54周岁；劳动能力弱";
        var shown = PersonalData.Redact(text)!;
        Assert.DoesNotContain("64周岁", shown, StringComparison.Ordinal);
        Assert.Contains("超过女性劳动年龄上限54周岁", shown, StringComparison.Ordinal);
        Assert.Equal("超过女性劳动年龄上限54周岁；劳动能力弱", AuditReading.MaskText(text));
    }
}
