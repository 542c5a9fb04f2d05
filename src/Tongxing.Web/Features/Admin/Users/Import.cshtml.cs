using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Admin.Users;

/// <summary>
/// /Admin/Users/Import: download the template, upload it filled in → each row's verdict (nothing created) → confirm →
/// every account created, or none; then the temporary passwords, shown once, to print.
/// </summary>
public sealed class ImportModel(ImportUsers import, CurrentUser me) : PageModel
{
    public UserImportReport? Report { get; private set; }

    /// <summary>The checked rows, carried to the confirmation (checked again there: the page trusts nothing it sent).</summary>
    [BindProperty]
    public string? Rows { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public IActionResult OnGet() => me.Can(Capability.ManageUsers) ? Page() : Forbid();

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct) =>
        me.Can(Capability.ManageUsers)
            ? File(await UserSheet.TemplateAsync(ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "用户导入模板.xlsx")
            : Forbid();

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        if (!me.Can(Capability.ManageUsers))
        {
            return Forbid();
        }
        if (Upload is null || Upload.Length == 0 || Upload.Length > ImportUsers.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"请选择填好的用户导入模板（.xlsx，不超过{ImportUsers.MaxBytes / 1024}KB）");
            return Page();
        }
        using var content = new MemoryStream();
        await Upload.CopyToAsync(content, ct);
        var (rows, error) = UserSheet.Read(content, ImportUsers.MaxRows);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Upload), error);
            return Page();
        }
        return await Run(rows, commit: false, ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (!me.Can(Capability.ManageUsers))
        {
            return Forbid();
        }
        List<UserSheetRow>? rows = null;
        try
        {
            rows = string.IsNullOrEmpty(Rows) || Rows.Length > 200_000 ? null : JsonSerializer.Deserialize<List<UserSheetRow>>(Rows);
        }
        catch (JsonException)
        {
        }
        if (rows is null)
        {
            ModelState.AddModelError(nameof(Upload), "请重新上传文件检查后再确认");
            return Page();
        }
        return await Run(rows, commit: true, ct);
    }

    private async Task<IActionResult> Run(IReadOnlyList<UserSheetRow> rows, bool commit, CancellationToken ct)
    {
        var outcome = await import.Handle(rows, commit, ct);
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        Report = outcome.Value;
        foreach (var e in outcome.Errors)
        {
            ModelState.AddModelError(nameof(Upload), e.Message);
        }
        Rows = Report is { Created: false } && Report.Failed == 0 ? JsonSerializer.Serialize(rows) : null;
        return Page();
    }
}
