using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Home;
using Tongxing.Web.Features.Programmes;

namespace Tongxing.Web.Features;

public sealed class IndexModel(CurrentProgramme programme, WaitingWork waiting, CurrentUser me) : PageModel
{
    public ProgrammeView? Programme { get; private set; }

    /// <summary>What waits for the user's office, most urgent first; null for an office with no work of its own here.</summary>
    public IReadOnlyList<WaitingAction>? Waiting { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // A helper's work is their households (我的帮扶), the page their phone opens.
        if (me.Role == Role.Helper && !me.MustChangePassword)
        {
            return Redirect("/Pairing/Mine");
        }
        Programme = (await programme.Handle(ct)).Value;
        Waiting = (await waiting.Handle(ct)).Value;
        return Page();
    }
}
