using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tongxing.Web.Features.Programmes;

public sealed class IndexModel(ListProgrammes list) : PageModel
{
    public ProgrammeList List { get; private set; } = new([], false);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await list.Handle(ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        List = outcome.Value!;
        return Page();
    }
}
