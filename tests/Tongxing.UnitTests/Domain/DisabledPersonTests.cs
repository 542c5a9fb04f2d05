using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class DisabledPersonTests
{
    private const string Head = "450206198001010011";

    [Theory]
    [InlineData("45020619730818087521（潘国明，配偶）", "潘国明，配偶")]
    [InlineData(" 45020619730818087521(潘国明，配偶) ", "潘国明，配偶")]
    [InlineData("45020619730818087521", null)]
    [InlineData(Head + "12（韦甲，户主）", null)]
    [InlineData(Head + "12（）", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_certificate_cell_names_its_holder_when_it_is_not_the_heads(string? cell, string? holder) =>
        Assert.Equal(holder, DisabledPerson.HolderNamedIn(cell, Head));

    [Theory]
    [InlineData("45020619730818087521（潘国明，配偶）", "45020619730818087521")]
    [InlineData(Head + "12（）", Head + "12")]
    [InlineData(" " + Head + "12 ", Head + "12")]
    public void The_number_is_read_without_the_holder_written_after_it(string cell, string number) =>
        Assert.Equal(number, DisabledPerson.NumberIn(cell));
}
