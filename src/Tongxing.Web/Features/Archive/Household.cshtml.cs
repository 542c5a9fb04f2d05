using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Archive;

public sealed class HouseholdModel(HouseholdDocuments documents) : PageModel
{
    public ArchiveView Archive { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var outcome = await documents.Archive(id, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        Archive = outcome.Value!;
        return Page();
    }

    public async Task<IActionResult> OnGetFormAsync(Guid id, CancellationToken ct)
    {
        var outcome = await documents.Form(id, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        return File(Attachment2Document.Docx(outcome.Value!), Word.ContentType, $"附件2_帮扶对象登记表_{outcome.Value!.Name}.docx");
    }

    public async Task<IActionResult> OnGetZipAsync(Guid id, CancellationToken ct)
    {
        var outcome = await documents.ArchiveZip(id, HttpContext.RequestServices.GetRequiredService<PublicLinks>().Base, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        return File(outcome.Value!, "application/zip", $"一户一档_{id:N}.zip");
    }
}
