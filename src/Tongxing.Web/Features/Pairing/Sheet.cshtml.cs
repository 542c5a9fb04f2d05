using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

/// <summary>One household's 一户一表 (附件4) as a printable A4 page: the same rows as its sheet in the town's workbook.</summary>
public sealed class SheetModel(Attachment4Forms forms) : PageModel
{
    public Attachment4Household Sheet { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var outcome = await forms.Sheet(id, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        Sheet = outcome.Value!;
        return Page();
    }

    public static string Yuan(long? fen) => fen is { } f ? new Domain.Money(f).ToYuanString() : "";
}
