using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

public sealed class ProgressModel(FundsProgress progress) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ProgressQuery Query { get; set; } = new();

    public ProgressView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await progress.Handle(Query, ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                View = outcome.Value!;
                return Page();
            case OutcomeStatus.NotFound:
                return NotFound();
            default:
                return Forbid();
        }
    }
}
