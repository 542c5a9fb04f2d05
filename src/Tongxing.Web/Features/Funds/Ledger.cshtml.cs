using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>资金流水: every line of the fund ledger inside the office's area, filtered, paged, exportable.</summary>
public sealed class LedgerModel(FundLedger ledger, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public FundLedgerQuery Query { get; set; } = new();

    public FundLedgerPage Lines { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await ledger.Handle(Query, ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        Lines = outcome.Value!;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var outcome = await ledger.Export(Query, ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        var stream = await Downloads.WriteToTempFileAsync(s => FundLedgerWorkbook.WriteAsync(s, outcome.Value!, ct), ct);
        return File(stream, FormWorkbook.ContentType, $"资金流水_{clock.Today():yyyyMMdd}.xlsx");
    }

    public string PageUrl(int page) => PageLinks.To("/Funds/Ledger", new { Query.Kind, Query.Source, Query.Town, Query.From, Query.To, Page = page });
}
