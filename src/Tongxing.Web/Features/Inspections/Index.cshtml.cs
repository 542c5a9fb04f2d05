using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Inspections;

/// <summary>检查验收: every town of the district's programme with its inspection, and the form that starts one.</summary>
public sealed class IndexModel(InspectionWork work) : PageModel
{
    public InspectionList View { get; private set; } = default!;

    [BindProperty]
    public StartInspectionInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Show(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await work.Start(Input, ct);
        if (outcome.Ok)
        {
            TempData["Message"] = "已开始检查验收，检查清单已按系统记录预填。";
            return RedirectToPage("Inspection", new { id = outcome.Value });
        }
        return await this.After(null, outcome, "", () => Show(ct), _ => "");
    }

    private async Task<IActionResult> Show(CancellationToken ct)
    {
        var outcome = await work.List(ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        View = outcome.Value!;
        return Page();
    }
}
