using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Funds;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Publicity;

/// <summary>Writes a publicity entry, adds its photos, sends it for approval, and lets the district federation decide (the same handler as the API).</summary>
public sealed class EditModel(PublicityEntries entries) : PageModel
{
    public PublicityView? View { get; private set; }
    public PublicityChoices? Choices { get; private set; }

    [BindProperty]
    public PublicityInput Input { get; set; } = new();

    [BindProperty]
    public PublicityDecisionInput Decision { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        var shown = await Show(id, ct);
        if (View is { } v)
        {
            Input = new PublicityInput
            {
                Kind = v.Kind,
                Title = v.Title,
                Text = v.Text,
                HouseholdId = v.HouseholdId?.ToString(),
                HelperId = v.HelperId?.ToString(),
                BranchVillageCode = v.BranchVillageCode,
                ConsentOn = v.ConsentOn,
                Version = v.Version,
            };
        }
        return shown;
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid? id, CancellationToken ct)
    {
        var outcome = await entries.Save(id, Input, ct);
        if (outcome.Ok)
        {
            TempData["Message"] = "已保存宣传材料。";
            return RedirectToPage(new { id = outcome.Value });
        }
        return await this.After(new { id }, outcome, "", () => Show(id, ct), field => string.IsNullOrEmpty(field) ? "" : "Input." + field);
    }

    public async Task<IActionResult> OnPostPhotoAsync(Guid id, IFormFile? photo, CancellationToken ct)
    {
        var read = await UploadedPhoto.ReadAsync(photo, entries.MaxPhotoBytes, ct);
        if (read.TooLarge)
        {
            ModelState.AddModelError("photo", UploadedPhoto.TooLargeMessage(entries.MaxPhotoBytes));
            return await Show(id, ct);
        }
        return await this.After(id, await entries.AddPhoto(id, read.Content ?? [], read.FileName, ct), "已添加照片。", () => Show(id, ct));
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) =>
        await this.After(id, await entries.Submit(id, Decision, ct), "已报区残联审核。", () => Show(id, ct));

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        await this.After(id, await entries.Approve(id, Decision, ct), "已审核通过，可对外宣传。", () => Show(id, ct));

    public async Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) =>
        await this.After(id, await entries.Return(id, Decision, ct), "已退回修改。", () => Show(id, ct), f => f.Length == 0 ? "" : "Decision.Reason");

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        await this.After(id, await entries.Withdraw(id, Decision, ct), "已撤回。", () => Show(id, ct), f => f.Length == 0 ? "" : "Decision.Reason");

    public async Task<IActionResult> OnGetPhotoAsync(Guid id, int seq, CancellationToken ct) => UploadedPhoto.Serve(this, await entries.Photo(id, seq, ct));

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task<IActionResult> Show(Guid? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var outcome = await entries.Get(existing, ct);
            if (!outcome.Ok)
            {
                return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
            }
            View = outcome.Value;
        }
        var choices = await entries.Choices(null, ct);
        if (id is null && !choices.Ok)
        {
            return Forbid();
        }
        Choices = choices.Value;
        return Page();
    }
}
