using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class DisabledPersonTests
{
    [Theory]
    [InlineData("45020619730818087521（潘国明，配偶）", "潘国明，配偶")]
    [InlineData(" 45020619730818087521(潘国明，配偶) ", "潘国明，配偶")]
    [InlineData("45020619730818087521", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("（）", null)]
    public void A_certificate_cell_names_its_holder_when_it_is_not_the_heads(string? cell, string? holder) =>
        Assert.Equal(holder, DisabledPerson.HolderNamedIn(cell));
}
