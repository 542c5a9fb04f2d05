using System.Text;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Bench;

/// <summary>
/// The benchmarks' yardstick (issue #6): one indexed query for the same page of rows the household list shows (optionally searched with the same keys column, or for an ID's last digits with the same members' range), rendered
/// as bare HTML, with no sign-in, scoping, names or masking logic around it. Mapped only when <c>Bench:Enabled</c> is true.
/// </summary>
public static class BaselineEndpoint
{
    public static void MapBaseline(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Bench:Enabled", false))
        {
            return;
        }
        app.MapGet("/bench/baseline", async (string district, int? page, string? q, string? tail, TongxingDb db, CancellationToken ct) =>
        {
            var households = db.Households.AsNoTracking().Where(h => h.DistrictCode == district);
            if (!string.IsNullOrEmpty(q))
            {
                households = households.Where(h => h.SearchKeys.Contains(q));
            }
            if (!string.IsNullOrEmpty(tail))
            {
                households = households.Search(db.Members, new SearchTerm(SearchKind.IdTail, tail));
            }
            var rows = await households
                .OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id)
                .Skip(((page ?? 1) - 1) * 20).Take(20)
                .Select(h => new { h.HeadName, h.HeadIdNumber, h.VillageCode, h.Status }).ToListAsync(ct);
            var html = new StringBuilder("<table>");
            foreach (var r in rows)
            {
                html.Append("<tr><td>").Append(System.Net.WebUtility.HtmlEncode(r.HeadName)).Append("</td><td>").Append(ResidentId.Mask(r.HeadIdNumber))
                    .Append("</td><td>").Append(r.VillageCode).Append("</td><td>").Append(Labels.Of(r.Status)).Append("</td></tr>");
            }
            return Results.Content(html.Append("</table>").ToString(), "text/html; charset=utf-8");
        }).AllowAnonymous();
        // The reconciliation's yardstick: one indexed SUM … GROUP BY over the district's ledger lines, as a bare table.
        app.MapGet("/bench/baseline-funds", async (string district, TongxingDb db, CancellationToken ct) =>
        {
            var sums = await db.FundEntries.AsNoTracking().Where(e => e.DistrictCode == district)
                .GroupBy(e => new { e.TownCode, e.Kind, e.Source }).Select(g => new { g.Key.TownCode, g.Key.Kind, g.Key.Source, Fen = g.Sum(e => e.Fen) })
                .ToListAsync(ct);
            var html = new StringBuilder("<table>");
            foreach (var r in sums)
            {
                html.Append("<tr><td>").Append(r.TownCode).Append("</td><td>").Append(Labels.Of(r.Kind)).Append("</td><td>").Append(Programme.SourceLabel(r.Source))
                    .Append("</td><td>").Append(new Money(r.Fen).ToYuanString()).Append("</td></tr>");
            }
            return Results.Content(html.Append("</table>").ToString(), "text/html; charset=utf-8");
        }).AllowAnonymous();
    }
}
