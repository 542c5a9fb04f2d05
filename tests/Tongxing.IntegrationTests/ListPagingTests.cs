using AngleSharp.Html.Parser;

namespace Tongxing.IntegrationTests;

/// <summary>
/// The lists' pages are reached through their links: Razor Pages reserves the route value "page", which once shadowed
/// <c>?Page=2</c> and was written over the number in every link, so that every list stayed on its first page.
/// </summary>
public abstract class ListPagingTests(TestApp app)
{
    private static readonly HtmlParser Parser = new();

    private static (int Active, string? Next, string? Last, string[] Rows) Read(string html, string rowSelector)
    {
        var doc = Parser.ParseDocument(html);
        var pager = doc.QuerySelector("nav[aria-label=分页]")!;
        var links = pager.QuerySelectorAll("a.page-link").ToList();
        return (int.Parse(pager.QuerySelector("[aria-current=page]")!.TextContent),
            links.FirstOrDefault(a => a.TextContent == "下一页")?.GetAttribute("href"),
            links.LastOrDefault(a => int.TryParse(a.TextContent, out _))?.GetAttribute("href"),
            doc.QuerySelectorAll(rowSelector).Select(r => r.TextContent).ToArray());
    }

    [Theory]
    [InlineData("/Households?Town=450204102000", "table.tx-table-stack tbody tr")]
    [InlineData("/Ledger?Town=450204102000", "#ledger tbody tr")]
    public async Task Next_and_last_page_links_lead_to_those_pages_and_keep_the_filter(string list, string rows)
    {
        // The district sees both towns; the filter keeps 流山镇's.
        var client = await app.SignIn("quzuzhibu");
        var first = Read(await client.GetStringAsync(list), rows);
        Assert.Equal(1, first.Active);
        Assert.NotNull(first.Next);
        Assert.Contains("Page=2", first.Next, StringComparison.Ordinal);
        Assert.Contains("Town=450204102000", first.Next, StringComparison.Ordinal);

        var second = Read(await client.GetStringAsync(first.Next), rows);
        Assert.Equal(2, second.Active);
        Assert.NotEmpty(second.Rows);
        Assert.Empty(second.Rows.Intersect(first.Rows));

        var last = Read(await client.GetStringAsync(first.Last!), rows);
        Assert.True(last.Active > 2 || last.Active == 2 && first.Last == first.Next, $"last page {last.Active}");
        Assert.Null(last.Next);

        // A page past the end leads to the last page, the filter kept.
        var beyond = await client.GetAsync(first.Last!.Replace($"Page={last.Active}", "Page=999", StringComparison.Ordinal));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, beyond.StatusCode);
        Assert.Equal(first.Last, beyond.Headers.Location!.OriginalString);
    }
}

public sealed class ListPagingTests_Sqlite(SqliteApp app) : ListPagingTests(app), IClassFixture<SqliteApp>;

public sealed class ListPagingTests_Postgres(PostgresApp app) : ListPagingTests(app), IClassFixture<PostgresApp>;
