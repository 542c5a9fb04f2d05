using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

public sealed class DueModel(VisitsDue due) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public VisitsDueQuery Query { get; set; } = new();

    public VisitsDueView List { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await due.Handle(Query, ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        List = outcome.Value!;
        return Page();
    }

    public string Link(string? state = null, string? town = null, string? village = null, int? page = null) =>
        PageLinks.To("/Pairing/Due", new { State = state ?? List.State, Town = town ?? Query.Town, Village = village ?? Query.Village, Page = page });
}
