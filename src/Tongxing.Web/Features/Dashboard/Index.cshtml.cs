using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Dashboard;

public sealed class IndexModel(ProgressDashboard dashboard) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>A unit within the user's area to show (drill-down).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    public DashboardView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await dashboard.Handle(Year, Area, ct);
        return outcome.Status switch
        {
            OutcomeStatus.Ok => Show(outcome.Value!),
            OutcomeStatus.Forbidden => Forbid(),
            _ => NotFound(),
        };
    }

    private PageResult Show(DashboardView view)
    {
        View = view;
        return Page();
    }
}
