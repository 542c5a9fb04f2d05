using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Pairing;

/// <summary>/Pairing: per town, paired, unpaired and unsigned against the deadline; the households still to do.</summary>
public sealed class IndexModel(PairingProgress progress, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public PairingProgressQuery Query { get; set; } = new();

    public PairingProgressView View { get; private set; } = default!;

    public bool CanManage => me.Can(Capability.ManageHelpers);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await progress.Handle(Query, ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        View = outcome.Value!;
        return Page();
    }
}
