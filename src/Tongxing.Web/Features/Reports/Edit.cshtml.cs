using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Funds;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Reports;

/// <summary>
/// One town's report of one kind: the town federation writes, attaches (summary) and submits it; the district
/// federation accepts or returns it; the others read it. The same handler as the API.
/// </summary>
public sealed class EditModel(TownReports reports, PhotoUploads photos) : PageModel
{
    public ReportView View { get; private set; } = default!;

    [BindProperty]
    public ReportInput Input { get; set; } = new();

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(string town, string kind, CancellationToken ct)
    {
        var shown = await Show(town, kind, ct);
        if (View is { } v)
        {
            Input = new ReportInput { Text = v.Text, Rules = v.Rules, Version = v.Version };
        }
        return shown;
    }

    public async Task<IActionResult> OnPostSaveAsync(string town, string kind, CancellationToken ct) =>
        await this.After(new { town, kind }, await reports.Save(town, kind, Input, false, ct), "已保存。", () => Show(town, kind, ct), Field);

    public async Task<IActionResult> OnPostSubmitAsync(string town, string kind, CancellationToken ct) =>
        await this.After(new { town, kind }, await reports.Save(town, kind, Input, true, ct), "已报送区残联，等待审核。", () => Show(town, kind, ct), Field);

    public async Task<IActionResult> OnPostAcceptAsync(string town, string kind, Guid id, CancellationToken ct) =>
        await this.After(new { town, kind }, await reports.Accept(id, new ReportDecision { Version = Input.Version }, ct), "已审核通过，报告已锁定。", () => Show(town, kind, ct), Field);

    public async Task<IActionResult> OnPostReturnAsync(string town, string kind, Guid id, CancellationToken ct) =>
        await this.After(new { town, kind }, await reports.Return(id, new ReportDecision { Version = Input.Version, Reason = Reason }, ct), "已退回镇残联。",
            () => Show(town, kind, ct), f => f == "ReturnReason" ? "Reason" : "");

    public async Task<IActionResult> OnPostAttachAsync(string town, string kind, CancellationToken ct)
    {
        var read = await UploadedPhoto.ReadAsync(Upload, Math.Max(reports.MaxPdfBytes, photos.MaxBytes), ct);
        if (read.TooLarge)
        {
            ModelState.AddModelError("Upload", $"文件不能超过{Math.Max(reports.MaxPdfBytes, photos.MaxBytes) / 1024 / 1024}MB");
            return await Show(town, kind, ct);
        }
        return await this.After(new { town, kind }, await reports.Attach(town, kind, read.Content ?? [], read.FileName, Input.Version, ct), "已上传制度文件。",
            () => Show(town, kind, ct), f => f == "File" ? "Upload" : "");
    }

    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid file, CancellationToken ct) =>
        await reports.File(id, file, ct) is { } f ? File(f.Content, f.ContentType, f.FileName) : NotFound();

    public async Task<IActionResult> OnGetDocxAsync(string town, string kind, CancellationToken ct)
    {
        var view = await reports.ForExport(town, kind, "docx", ct);
        return view.Ok ? File(TownReportDocument.Docx(view.Value!), Word.ContentType, view.Value!.Title + ".docx") : NotFound();
    }

    public async Task<IActionResult> OnGetXlsxAsync(string town, string kind, CancellationToken ct)
    {
        var view = await reports.ForExport(town, kind, "xlsx", ct);
        if (!view.Ok)
        {
            return NotFound();
        }
        var file = await Downloads.WriteToTempFileAsync(s => TownReportWorkbook.WriteAsync(s, view.Value!, ct), ct);
        return File(file, FormWorkbook.ContentType, view.Value!.Title + "（数据表）.xlsx");
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private static string Field(string field) => field is "Text" or "Rules" ? "Input." + field : "";

    private async Task<IActionResult> Show(string town, string kind, CancellationToken ct)
    {
        var outcome = await reports.Get(town, kind, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        View = outcome.Value!;
        if (Input.Version == 0 && View.Version != 0 && !ModelState.IsValid)
        {
            Input.Version = View.Version;
        }
        return Page();
    }
}
