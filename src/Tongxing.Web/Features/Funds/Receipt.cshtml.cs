using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>The receipt form of one payment (登记签收), made for a phone: the same handler as the API.</summary>
public sealed class ReceiptModel(FundsReceipts receipts) : PageModel
{
    public ReceiptRow Payment { get; private set; } = default!;

    [BindProperty]
    public ReceiptInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Photo { get; set; }

    public string Today { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var shown = await Show(id, ct);
        Input = new ReceiptInput { Kind = "SignedPhoto", On = Today, Version = Payment?.Version ?? 0 };
        return shown;
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        byte[]? content = null;
        if (Photo is { Length: > 0 })
        {
            if (Photo.Length > receipts.MaxPhotoBytes)
            {
                ModelState.AddModelError("Photo", $"照片不能超过{receipts.MaxPhotoBytes / 1024 / 1024}MB");
                return await Show(id, ct);
            }
            using var buffer = new MemoryStream();
            await Photo.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        var outcome = await receipts.Record(id, Input, content, Photo?.FileName, ct);
        if (outcome.Ok)
        {
            TempData["Message"] = $"已登记签收：{(await receipts.One(id, ct)).Value?.HeadName}户。";
            return RedirectToPage("/Funds/Receipts");
        }
        return await this.After(id, outcome, "", () => Show(id, ct), field => field is "Kind" or "On" or "ProxyName" or "ProxyRelation" or "ProxyReason" ? "Input." + field : field);
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        var outcome = await receipts.One(id, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        Payment = outcome.Value!;
        Today = receipts.Today;
        return Page();
    }
}
