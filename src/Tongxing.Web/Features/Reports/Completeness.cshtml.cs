using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tongxing.Web.Features.Reports;

/// <summary>报告完整率和及时率 of the user's towns, per quarter and per town (DHIS2's measures).</summary>
public sealed class CompletenessModel(TownReports reports) : PageModel
{
    public CompletenessView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await reports.Completeness(ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        View = outcome.Value!;
        return Page();
    }
}
