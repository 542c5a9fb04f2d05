using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Home;
using Tongxing.Web.Features.Programmes;

namespace Tongxing.Web.Features;

public sealed class IndexModel(CurrentProgramme programme, WaitingWork waiting) : PageModel
{
    public ProgrammeView? Programme { get; private set; }

    /// <summary>What waits for the user's office, most urgent first; null for an office with no work of its own here.</summary>
    public IReadOnlyList<WaitingAction>? Waiting { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Programme = (await programme.Handle(ct)).Value;
        Waiting = (await waiting.Handle(ct)).Value;
    }
}
