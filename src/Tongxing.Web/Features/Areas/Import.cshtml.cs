using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Areas;

/// <summary>
/// Import of division codes in two steps: the file is checked and what it would change is shown (nothing written);
/// confirming sends the same file back with the dry run's fingerprint and applies it all, or nothing.
/// </summary>
[RequestFormLimits(ValueLengthLimit = DivisionFile.MaxBytes * 4 / 3 + 16)]
public sealed class ImportModel(ImportAreas import) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The checked file, carried from the dry run to the confirmation (base64).</summary>
    [BindProperty]
    public string? Carried { get; set; }

    [BindProperty]
    public string? Fingerprint { get; set; }

    public AreaImportReport? Report { get; private set; }

    public IActionResult OnGet() => import.MayImport ? Page() : Forbid();

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "请选择区划代码文件（CSV 或 .xlsx）");
            return import.MayImport ? Page() : Forbid();
        }
        if (Upload.Length > DivisionFile.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"文件超过{DivisionFile.MaxBytes / 1024 / 1024}MB的上限，请分批导入");
            return import.MayImport ? Page() : Forbid();
        }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var outcome = await import.Handle(bytes, apply: false, null, ct);
        if (Shown(outcome) is { } refused)
        {
            return refused;
        }
        Carried = CarriedUpload.Encode(bytes);
        Fingerprint = outcome.Value!.Fingerprint;
        Report = outcome.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken ct)
    {
        if (CarriedUpload.Decode(Carried, Fingerprint) is not { } bytes)
        {
            ModelState.AddModelError(nameof(Upload), CarriedUpload.AgainMessage);
            return import.MayImport ? Page() : Forbid();
        }
        var outcome = await import.Handle(bytes, apply: true, Fingerprint, ct);
        if (outcome.Status == OutcomeStatus.Conflict)
        {
            // Shows the dry run again as the tree now stands, to be checked and confirmed anew.
            ModelState.AddModelError("", outcome.Errors[0].Message);
            var again = await import.Handle(bytes, apply: false, null, ct);
            Report = again.Value;
            Fingerprint = again.Value?.Fingerprint;
            return Page();
        }
        if (Shown(outcome) is { } refused)
        {
            return refused;
        }
        var r = outcome.Value!;
        TempData["Message"] = $"已导入区划：新增{r.Added.Count}个，更名{r.Renamed.Count}个，撤销{r.Retired.Count}个，恢复{r.Restored.Count}个。";
        return Redirect("/Admin/Areas");
    }

    /// <summary>The page's answer to a refusal (the reasons on the page), or null when the outcome is a report.</summary>
    private IActionResult? Shown(Outcome<AreaImportReport> outcome)
    {
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                return null;
            case OutcomeStatus.Forbidden:
                return Forbid();
        }
        foreach (var e in outcome.Errors)
        {
            ModelState.AddModelError(nameof(Upload), e.Message);
        }
        Carried = null;
        return Page();
    }
}
