using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Tongxing.Web.Features.Shared;

/// <summary>
/// The page links under every counted list: 上一页, the first and last pages, two either side of the current one (gaps
/// shown as …), 下一页. Built as one string rather than a partial view: it sits under the lists officials open most.
/// </summary>
public static class Pager
{
    /// <summary>The page numbers to link: the first, the last, and two either side of <paramref name="page"/>.</summary>
    public static IEnumerable<int> Around(int page, int pages) =>
        new[] { 1, pages }.Concat(Enumerable.Range(page - 2, 5)).Where(i => i >= 1 && i <= pages).Distinct().Order();

    /// <summary>The links, or nothing for a list of one page. <paramref name="url"/> gives a page's address.</summary>
    public static IHtmlContent Links(int page, int pages, Func<int, string> url)
    {
        if (pages <= 1)
        {
            return HtmlString.Empty;
        }
        var html = HtmlEncoder.Default;
        var b = new StringBuilder("<nav aria-label=\"分页\"><ul class=\"pagination pagination-sm flex-wrap\">");
        void Link(int to, string text, bool disabled)
        {
            b.Append(disabled ? "<li class=\"page-item disabled\"><span class=\"page-link\">" : "<li class=\"page-item\"><a class=\"page-link\" href=\"")
                .Append(disabled ? "" : html.Encode(url(to)) + "\">").Append(text).Append(disabled ? "</span></li>" : "</a></li>");
        }
        Link(page - 1, "上一页", page <= 1);
        var last = 0;
        foreach (var i in Around(page, pages))
        {
            if (i > last + 1)
            {
                b.Append("<li class=\"page-item disabled\"><span class=\"page-link\">…</span></li>");
            }
            if (i == page)
            {
                b.Append("<li class=\"page-item active\" aria-current=\"page\"><span class=\"page-link\">").Append(i).Append("</span></li>");
            }
            else
            {
                Link(i, i.ToString(System.Globalization.CultureInfo.InvariantCulture), false);
            }
            last = i;
        }
        Link(page + 1, "下一页", page >= pages);
        return new HtmlString(b.Append("</ul></nav>").ToString());
    }
}
