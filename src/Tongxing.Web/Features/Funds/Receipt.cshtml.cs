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
        var photo = await UploadedPhoto.ReadAsync(Photo, receipts.MaxPhotoBytes, ct);
        if (photo.TooLarge)
        {
            ModelState.AddModelError("Photo", UploadedPhoto.TooLargeMessage(receipts.MaxPhotoBytes));
            return await Show(id, ct);
        }
        var outcome = await receipts.Record(id, Input, photo.Content, photo.FileName, ct);
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
