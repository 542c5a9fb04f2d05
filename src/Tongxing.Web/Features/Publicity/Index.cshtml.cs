using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Publicity;

/// <summary>The publicity entries of the user's area, filtered by kind and state (the same handler as the API).</summary>
public sealed class IndexModel(PublicityEntries entries) : PageModel
{
    public PublicityList List { get; private set; } = default!;
    public string? Kind { get; private set; }
    public string? State { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? kind, string? state, int? p, CancellationToken ct)
    {
        var outcome = await entries.List(kind, state, p ?? 1, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        (List, Kind, State) = (outcome.Value!, kind, state);
        return Page();
    }
}
