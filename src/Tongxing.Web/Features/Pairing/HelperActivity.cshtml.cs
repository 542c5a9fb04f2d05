using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

public sealed class HelperActivityModel(HelperActivity activity) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public HelperActivityQuery Query { get; set; } = new();

    public HelperActivityView List { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await activity.Handle(Query, ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        List = outcome.Value!;
        return Page();
    }

    public string Link(bool? lapsed = null, int? page = null) =>
        PageLinks.To("/Pairing/HelperActivity", new { Query.Town, Query.Village, Days = List.Days, Lapsed = (lapsed ?? List.LapsedOnly) ? true : (bool?)null, Page = page });
}
