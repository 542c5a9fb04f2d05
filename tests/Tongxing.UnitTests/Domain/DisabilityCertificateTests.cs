using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class DisabilityCertificateTests
{
    private static readonly ResidentId Holder = ResidentId.Parse("11010519491231002X").Value!;

    [Fact]
    public void Certificate_carries_category_and_grade()
    {
        var c = DisabilityCertificate.Parse("11010519491231002X42", Holder);
        Assert.True(c.Ok, c.Error);
        Assert.Equal(DisabilityCategory.Physical, c.Value!.Category);
        Assert.Equal(2, c.Value.Grade);
        Assert.Equal(0, c.Value.Reissue);
    }

    [Fact]
    public void Reissue_suffix_B1_to_B9_is_accepted()
    {
        var c = DisabilityCertificate.Parse("11010519491231002x71b3", Holder);
        Assert.True(c.Ok, c.Error);
        Assert.Equal(3, c.Value!.Reissue);
        Assert.Equal("11010519491231002X71B3", c.Value.Value);
    }

    [Theory]
    [InlineData("44052418800101001442", "前18位")]
    [InlineData("11010519491231002X02", "1–7")]
    [InlineData("11010519491231002X82", "1–7")]
    [InlineData("11010519491231002X45", "1–4")]
    [InlineData("11010519491231002X40", "1–4")]
    [InlineData("11010519491231002X42B0", "B1–B9")]
    [InlineData("11010519491231002X42C1", "B1–B9")]
    [InlineData("11010519491231002X4", "20位")]
    public void Bad_certificate_numbers_are_refused_with_the_reason(string number, string expected)
    {
        var c = DisabilityCertificate.Parse(number, Holder);
        Assert.False(c.Ok);
        Assert.Contains(expected, c.Error, StringComparison.Ordinal);
    }
}
