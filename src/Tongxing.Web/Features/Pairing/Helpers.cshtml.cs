using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tongxing.Web.Features.Pairing;

/// <summary>/Pairing/Helpers: the helper register of the user's area (paged in SQL, with each helper's households).</summary>
public sealed class HelpersModel(HelpersRegister helpers) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public HelperListQuery Query { get; set; } = new();

    public HelperListView List { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await helpers.List(Query, ct);
        if (outcome.Status == Shared.OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        if (!outcome.Ok)
        {
            Query = new HelperListQuery();
            outcome = await helpers.List(Query, ct);
        }
        List = outcome.Value!;
        return Page();
    }
}
