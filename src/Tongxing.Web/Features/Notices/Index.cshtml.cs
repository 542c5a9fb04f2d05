using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Notices;

public sealed class IndexModel(ListNotices list, CreateNotice create) : PageModel
{
    [BindProperty]
    public CreateNoticeCommand Input { get; set; } = new();

    public NoticeList List { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Show(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await create.Handle(Input, ct);
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        if (outcome.Ok)
        {
            TempData["Message"] = "公示已发布。请打印张贴，并上传张贴现场照片。";
            return RedirectToPage("Details", new { id = outcome.Value });
        }
        foreach (var e in outcome.Errors)
        {
            ModelState.AddModelError(e.Field is "StartDate" or "Households" ? "Input." + e.Field : string.Empty, e.Message);
        }
        return await Show(ct);
    }

    private async Task<IActionResult> Show(CancellationToken ct)
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
