using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tongxing.Web.Features.Account;

public sealed class TokensModel(ApiTokens tokens) : PageModel
{
    public IReadOnlyList<ApiTokenView> Tokens { get; private set; } = [];
    public NewApiToken? Issued { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public int Days { get; set; } = 90;

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.List(ct);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        var outcome = await tokens.Issue(Name, Days, ct);
        if (outcome.Status == Shared.OutcomeStatus.Forbidden)
        {
            // Said on the page (e.g. "sign in with the code first"), with the status that it was refused.
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        foreach (var e in outcome.Errors)
        {
            ModelState.AddModelError(e.Field, e.Message);
        }
        Issued = outcome.Value;
        Tokens = await tokens.List(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        await tokens.Revoke(id, ct);
        return RedirectToPage();
    }
}
