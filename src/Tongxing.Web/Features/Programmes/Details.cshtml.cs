using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Programmes;

/// <summary>A programme's settings, read only, with what can no longer change.</summary>
public sealed class DetailsModel(ListProgrammes list) : PageModel
{
    public ProgrammeForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var outcome = await list.Get(id, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        Form = outcome.Value!;
        return Page();
    }
}
