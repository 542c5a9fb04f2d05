using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Funds.Payments;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds.Batches;

/// <summary>代发批次: the town's batches (the district's offices read them all), and a new draft for the town committee.</summary>
public sealed class IndexModel(PaymentBatches batches) : PageModel
{
    public BatchList List { get; private set; } = new([], false);

    [BindProperty]
    public NewBatchInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Show(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await batches.Create(Input, ct);
        if (outcome.Ok)
        {
            TempData["Message"] = "已新建批次，请加入发放对象。";
            return RedirectToPage("Details", new { id = outcome.Value });
        }
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        foreach (var e in outcome.Errors)
        {
            ModelState.AddModelError(e.Field == "Title" ? "Input.Title" : "", e.Message);
        }
        return await Show(ct);
    }

    private async Task<IActionResult> Show(CancellationToken ct)
    {
        var outcome = await batches.List(ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        List = outcome.Value!;
        return Page();
    }
}
