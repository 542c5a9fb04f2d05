using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tongxing.Web.Features.Funds;

/// <summary>资金发放: where the money stands, and the way to each step of the funds phase.</summary>
public sealed class IndexModel(FundSummary summary) : PageModel
{
    public FundsOverview Overview { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await summary.Handle(ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        Overview = outcome.Value!;
        return Page();
    }
}
