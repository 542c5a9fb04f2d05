using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tongxing.Web.Features.Reports;

/// <summary>季度反馈 and 年度总结 of the user's towns: each town's expected reports, their state, due date and timeliness.</summary>
public sealed class IndexModel(TownReports reports) : PageModel
{
    public ReportList List { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await reports.List(ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        List = outcome.Value!;
        return Page();
    }
}
