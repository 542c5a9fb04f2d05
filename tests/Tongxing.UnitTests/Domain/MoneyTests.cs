using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("4999.99", 499_999)]
    [InlineData("5,000", 500_000)]
    [InlineData("4800元", 480_000)]
    [InlineData("0", 0)]
    [InlineData("0.1", 10)]
    [InlineData("１５２００", 1_520_000)] // as a Chinese input method types digits
    [InlineData("１５，２００．５０元", 1_520_050)]
    public void Yuan_amounts_are_held_in_whole_fen(string typed, long fen)
    {
        var m = Money.ParseYuan(typed);
        Assert.True(m.Ok, m.Error);
        Assert.Equal(fen, m.Value.Fen);
    }

    [Theory]
    [InlineData("-1", "负数")]
    [InlineData("abc", "不是有效的金额")]
    [InlineData("1.234", "两位小数")]
    [InlineData("", "请填写")]
    public void Bad_amounts_are_refused(string typed, string expected)
    {
        var m = Money.ParseYuan(typed);
        Assert.False(m.Ok);
        Assert.Contains(expected, m.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Liunan_total_splits_70_10_20_exactly()
    {
        var parts = Money.FromYuan(152_000).Split([7000, 1000, 2000]);
        Assert.Equal([Money.FromYuan(106_400), Money.FromYuan(15_200), Money.FromYuan(30_400)], parts);
    }

    [Theory]
    [InlineData(1, 1, 0, 0)]
    [InlineData(7, 3, 2, 2)]
    [InlineData(99_999, 33_330, 33_330, 33_339)]
    public void Uneven_splits_give_leftover_fen_to_the_first_sources_and_always_add_up(long fen, long a, long b, long c)
    {
        var parts = new Money(fen).Split([3333, 3333, 3334]);
        Assert.Equal([a, b, c], parts.Select(p => p.Fen));
        Assert.Equal(fen, parts.Sum(p => p.Fen));
    }

    [Fact]
    public void One_fen_split_goes_to_the_first_source()
    {
        var parts = new Money(1).Split([7000, 1000, 2000]);
        Assert.Equal([1L, 0L, 0L], parts.Select(p => p.Fen));
    }

    [Fact]
    public void Shares_that_do_not_make_100_percent_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Money.FromYuan(100).Split([7000, 1000, 1000]));
    }
}
