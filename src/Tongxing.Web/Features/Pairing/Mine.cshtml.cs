using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairings;

/// <summary>我的帮扶: a helper's households and what is due, with the two buttons; the page a helper lands on.</summary>
public sealed class MineModel(HelperHouseholds handler) : PageModel
{
    public HelperHouseholdsView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await handler.Handle(ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        View = outcome.Value!;
        return Page();
    }
}
