using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

/// <summary>附件4 一户一表: each town's missing pieces against the pairing deadline, and the town's workbook to download.</summary>
public sealed class Attachment4Model(Attachment4Forms forms) : PageModel
{
    public Attachment4View View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await forms.Towns(ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        View = outcome.Value!;
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(string? town, CancellationToken ct)
    {
        var outcome = await forms.Workbook(town, ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                var file = await Downloads.WriteToTempFileAsync(s => outcome.Value!.Write(s, ct), ct);
                Response.Headers.CacheControl = "private, no-store";
                return File(file, Attachment4Workbook.ContentType, outcome.Value!.FileName);
            case OutcomeStatus.Forbidden:
                return Forbid();
            case OutcomeStatus.NotFound:
                return NotFound();
            default:
                TempData["Message"] = outcome.Errors[0].Message;
                return RedirectToPage();
        }
    }
}
