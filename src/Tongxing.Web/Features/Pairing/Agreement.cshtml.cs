using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

/// <summary>/Pairing/Agreement/{pairingId}: 附件3 帮扶协议书 as .docx (audited); the four ways of help may come from the short form.</summary>
public sealed class AgreementModel(AgreementForms agreements) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery] AgreementHelpInput help, CancellationToken ct)
    {
        var outcome = await agreements.Form(id, help, ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                return File(Attachment3Document.Docx(outcome.Value.Form), Word.ContentType, outcome.Value.FileName);
            case OutcomeStatus.Forbidden:
                return Forbid();
            case OutcomeStatus.NotFound:
                return NotFound();
            default:
                foreach (var e in outcome.Errors)
                {
                    ModelState.AddModelError("", e.Message);
                }
                return Page();
        }
    }
}
