using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Archive;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Ledger;

public sealed class IndexModel(WorkLedger ledger, HouseholdDocuments documents) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public LedgerQuery Query { get; set; } = new();

    public LedgerPage Ledger { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await ledger.Handle(Query, ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        Ledger = outcome.Value!;
        // A page past the end (an old link, a list that shrank): its last page, not an empty table.
        return Ledger.Page > Ledger.PageCount ? Redirect(PageUrl(Ledger.PageCount)) : Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var outcome = await ledger.Export(Query, ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        var stream = await Downloads.WriteToTempFileAsync(s => LedgerExport.WriteAsync(s, outcome.Value!, ct), ct);
        return File(stream, FormWorkbook.ContentType, $"工作台账_{HttpContext.RequestServices.GetRequiredService<TimeProvider>().Today():yyyyMMdd}.xlsx");
    }

    public async Task<IActionResult> OnGetFormsAsync(CancellationToken ct)
    {
        var outcome = await documents.TownForms(Query.Town, ct);
        return outcome.Status switch
        {
            OutcomeStatus.Ok => File(outcome.Value!, "application/zip", "附件2_帮扶对象登记表.zip"),
            OutcomeStatus.Forbidden => Forbid(),
            _ => NotFound(),
        };
    }

    public string PageUrl(int page) => PageLinks.To("/Ledger", new { Query.Town, Query.Village, Query.Status, Page = page });
}

public static class LedgerExport
{
    public static Task WriteAsync(Stream output, LedgerExportRows ledger, CancellationToken ct) =>
        FormWorkbook.WriteAsync(output, "工作台账", LedgerWorkbook.Columns, LedgerWorkbook.Footer, "帮扶工作台账", ledger.Heading,
            ledger.Rows.ToBlockingEnumerable(ct).Select((r, i) => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["Number"] = i + 1,
                ["Village"] = r.Village,
                ["HeadName"] = r.HeadName,
                ["HeadId"] = r.HeadId,
                ["Screening"] = r.Screening,
                ["Status"] = r.Status,
                ["Proposed"] = r.Proposed,
                ["Submitted"] = r.Submitted,
                ["Accepted"] = r.Accepted,
                ["Notice"] = r.Notice,
                ["NoticePassed"] = r.NoticePassed,
                ["Applied"] = r.Applied,
                ["VillageApproved"] = r.VillageApproved,
                ["TownApproved"] = r.TownApproved,
                ["DistrictApproved"] = r.DistrictApproved,
                ["Filed"] = r.Filed,
                ["PaidAmount"] = r.PaidAmount,
                ["PaidMethod"] = r.PaidMethod,
                ["PaidOn"] = r.PaidOn,
                ["Receipt"] = r.Receipt,
                ["ProjectStarted"] = r.ProjectStarted,
            }), ct);
}
