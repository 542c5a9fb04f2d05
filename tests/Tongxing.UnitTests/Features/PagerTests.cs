using Tongxing.Web.Features.Shared;

namespace Tongxing.UnitTests.Features;

public sealed class PagerTests
{
    private static string Html(int page, int pages) => Pager.Links(page, pages, i => $"/Ledger?Town=a&b&Page={i}").ToString()!;

    [Fact]
    public void Links_show_the_first_and_last_pages_two_either_side_and_gaps()
    {
        Assert.Equal([1, 3, 4, 5, 6, 7, 5000], Pager.Around(5, 5000));
        Assert.Equal([1, 2, 3, 4], Pager.Around(2, 4));
        var middle = Html(5, 5000);
        Assert.Contains("<li class=\"page-item active\" aria-current=\"page\"><span class=\"page-link\">5</span></li>", middle, StringComparison.Ordinal);
        Assert.Contains("href=\"/Ledger?Town=a&amp;b&amp;Page=5000\">5000</a>", middle, StringComparison.Ordinal);
        Assert.Contains("href=\"/Ledger?Town=a&amp;b&amp;Page=4\">上一页</a>", middle, StringComparison.Ordinal);
        Assert.Contains("href=\"/Ledger?Town=a&amp;b&amp;Page=6\">下一页</a>", middle, StringComparison.Ordinal);
        // 上一页 1 … 3–7 … 5000 下一页: two gaps, and no link per page of a long list.
        Assert.Equal(2, middle.Split("…").Length - 1);
        Assert.Equal(11, middle.Split("<li").Length - 1);
    }

    [Fact]
    public void The_first_and_last_pages_cannot_go_further_and_one_page_needs_no_links()
    {
        Assert.Contains("<li class=\"page-item disabled\"><span class=\"page-link\">上一页</span></li>", Html(1, 3), StringComparison.Ordinal);
        Assert.Contains("<li class=\"page-item disabled\"><span class=\"page-link\">下一页</span></li>", Html(3, 3), StringComparison.Ordinal);
        Assert.DoesNotContain("…", Html(2, 3), StringComparison.Ordinal);
        Assert.Equal("", Html(1, 1));
    }
}
