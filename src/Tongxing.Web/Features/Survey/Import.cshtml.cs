using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Survey;

public sealed class ImportModel(ImportAttachment1 import, CurrentUser me, IConfiguration config) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public Guid? UploadId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Job { get; set; }

    public ImportJobView? View { get; private set; }

    public ImportReport? Report => View?.Report;

    /// <summary>A small file is done in a moment: the page waits that long before it shows a progress bar instead.</summary>
    private TimeSpan PageWait => TimeSpan.FromSeconds(config.GetValue("Survey:ImportPageWaitSeconds", 3.0));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.Can(Capability.ImportSurvey))
        {
            return Forbid();
        }
        return Job is { } id ? Show(await import.Get(id, ct)) : Page();
    }

    /// <summary>The progress bar's poll (htmx, every second): the bar again, or the finished page.</summary>
    public async Task<IActionResult> OnGetProgressAsync(CancellationToken ct)
    {
        var outcome = Job is { } id ? await import.Get(id, ct) : Outcome<ImportJobView>.NotFound();
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        View = outcome.Value;
        if (View!.Finished)
        {
            Response.Headers["HX-Redirect"] = Url.Page("Import", new { job = View.Id });
        }
        return Partial("_ImportProgress", View);
    }

    /// <summary>Step 1: upload; every row is checked in the background and nothing is saved.</summary>
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
        await using var content = Upload.OpenReadStream();
        var started = await import.Start(Path.GetFileName(Upload.FileName), content, commit: false, ct);
        return started.Ok ? Started(await import.Wait(started.Value!.Id, PageWait, ct)) : Forbid();
    }

    /// <summary>Step 2: the user confirms; the kept file is checked again and imported whole, or not at all.</summary>
    public async Task<IActionResult> OnPostCommitAsync(CancellationToken ct)
    {
        if (UploadId is not { } id)
        {
            return RedirectToPage();
        }
        var outcome = await import.Confirm(id, ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Forbidden:
                return Forbid();
            case OutcomeStatus.NotFound:
                ModelState.AddModelError(string.Empty, "导入文件已失效（可能已导入过），请重新上传");
                return Page();
            default:
                return Started(await import.Wait(id, PageWait, ct));
        }
    }

    /// <summary>
    /// After a post, the job's own address (post, redirect, get): the page says the user may leave and come back, and the
    /// address bar then holds the address that shows the job — and a reload does not post the file again.
    /// </summary>
    private IActionResult Started(Outcome<ImportJobView> outcome) =>
        outcome.Ok ? RedirectToPage(new { job = outcome.Value!.Id }) : outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();

    private IActionResult Show(Outcome<ImportJobView> outcome)
    {
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        View = outcome.Value;
        Job = View!.Id;
        return Page();
    }
}
