using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Households;

public sealed class IndexModel(ListHouseholds list) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public HouseholdListQuery Query { get; set; } = new();

    public HouseholdListPage? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await list.Handle(Query, ct);
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        Result = outcome.Value;
        // htmx asks for the table only when a filter changes.
        return Request.Headers.ContainsKey("HX-Request") ? Partial("_HouseholdTable", this) : Page();
    }

    public string PageUrl(int page) =>
        Url.Page("Index", new { Query.Town, Query.Village, Query.Status, Query.Screening, Query.Q, Page = page })!;
}
