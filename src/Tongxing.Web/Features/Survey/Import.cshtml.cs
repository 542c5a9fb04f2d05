using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Survey;

public sealed class ImportModel(ImportAttachment1 import, CurrentUser me) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public Guid? UploadId { get; set; }

    public ImportReport? Report { get; private set; }

    public IActionResult OnGet() => me.Can(Capability.ImportSurvey) ? Page() : Forbid();

    /// <summary>Step 1: upload and check every row; nothing is saved.</summary>
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        if (!me.Can(Capability.ImportSurvey))
        {
            return Forbid();
        }
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "请选择要导入的附件1文件（.xlsx）");
            return Page();
        }
        if (Upload.Length > import.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"文件超过{import.MaxBytes / 1024 / 1024}MB的上限，请分批导入");
            return Page();
        }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, ct);
        var outcome = await import.DryRun(Path.GetFileName(Upload.FileName), buffer.ToArray(), ct);
        Report = outcome.Value;
        return Page();
    }

    /// <summary>Step 2: the user confirms; the kept file is checked again and imported whole, or not at all.</summary>
    public async Task<IActionResult> OnPostCommitAsync(CancellationToken ct)
    {
        if (UploadId is not { } id)
        {
            return RedirectToPage();
        }
        var outcome = await import.Commit(id, ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Forbidden:
                return Forbid();
            case OutcomeStatus.NotFound:
                ModelState.AddModelError(string.Empty, "导入文件已失效（可能已导入过），请重新上传");
                return Page();
            case OutcomeStatus.Conflict:
                ModelState.AddModelError(string.Empty, outcome.Errors[0].Message);
                return Page();
            default:
                Report = outcome.Value;
                return Page();
        }
    }
}
