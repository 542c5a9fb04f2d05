using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class ResidentIdTests
{
    [Theory]
    [InlineData("11010519491231002X", 1949, 12, 31, Gender.Female)]
    [InlineData("440524188001010014", 1880, 1, 1, Gender.Male)]
    public void Published_examples_are_valid_with_birth_date_and_gender(string number, int y, int m, int d, Gender gender)
    {
        var id = ResidentId.Parse(number);
        Assert.True(id.Ok, id.Error);
        Assert.Equal(new DateOnly(y, m, d), id.Value!.BirthDate);
        Assert.Equal(gender, id.Value.Gender);
    }

    [Fact]
    public void Lower_case_x_check_character_is_accepted_and_normalised()
    {
        var id = ResidentId.Parse(" 11010519491231002x ");
        Assert.True(id.Ok);
        Assert.Equal("11010519491231002X", id.Value!.Value);
    }

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("440524188001010015")]
    [InlineData("11010519491231002Y")]
    public void Wrong_check_character_is_refused_with_a_reason(string number)
    {
        var id = ResidentId.Parse(number);
        Assert.False(id.Ok);
        Assert.True(id.Error!.Contains("校验位", StringComparison.Ordinal) || id.Error.Contains("最后一位", StringComparison.Ordinal), id.Error);
    }

    [Theory]
    [InlineData("19490230")]
    [InlineData("19491301")]
    [InlineData("20010229")]
    [InlineData("19000229")]
    public void Impossible_birth_date_is_refused(string birth)
    {
        var first17 = "450204" + birth + "123";
        var id = ResidentId.Parse(first17 + ResidentId.CheckCharacter(first17));
        Assert.False(id.Ok);
        Assert.Contains("出生日期", id.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Leap_day_birth_date_is_valid_in_a_leap_year()
    {
        const string first17 = "45020420000229123";
        var id = ResidentId.Parse(first17 + ResidentId.CheckCharacter(first17));
        Assert.True(id.Ok, id.Error);
        Assert.Equal(new DateOnly(2000, 2, 29), id.Value!.BirthDate);
    }

    [Fact]
    public void Legacy_15_digit_number_is_converted_to_18_digits()
    {
        var id = ResidentId.Parse("110105491231002");
        Assert.True(id.Ok, id.Error);
        Assert.Equal("11010519491231002X", id.Value!.Value);
        Assert.True(id.Value.WasConvertedFromLegacy);
        Assert.Equal(Gender.Female, id.Value.Gender);
    }

    [Theory]
    [InlineData("", "请填写")]
    [InlineData("4502041990", "18位")]
    [InlineData("45020419900101A23X", "数字")]
    [InlineData("11010549123100A", "数字")]
    public void Malformed_numbers_are_refused_with_a_chinese_reason(string number, string expected)
    {
        var id = ResidentId.Parse(number);
        Assert.False(id.Ok);
        Assert.Contains(expected, id.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2020, 2, 28, 15)]
    [InlineData(2020, 2, 29, 16)]
    [InlineData(2021, 2, 28, 16)]
    [InlineData(2021, 3, 1, 17)]
    public void Someone_born_on_29_February_ages_on_1_March_in_common_years(int y, int m, int d, int age)
    {
        Assert.Equal(age, Ages.CompletedYears(new DateOnly(2004, 2, 29), new DateOnly(y, m, d)));
    }

    [Fact]
    public void Birthday_itself_completes_the_year()
    {
        Assert.Equal(16, Ages.CompletedYears(new DateOnly(2004, 4, 2), new DateOnly(2020, 4, 2)));
        Assert.Equal(15, Ages.CompletedYears(new DateOnly(2004, 4, 3), new DateOnly(2020, 4, 2)));
    }

    [Fact]
    public void Mask_keeps_address_code_and_last_four()
    {
        Assert.Equal("450204********1234", ResidentId.Mask("450204199001011234"));
        Assert.Equal("138****5678", ResidentId.Mask("13812345678", 3, 4));
        Assert.Equal("", ResidentId.Mask(null));
    }
}
