using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Funds.Payments;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>现金发放: the town records a cash payment against the receipt the household signed (photo required).</summary>
public sealed class CashModel(PaymentBatches batches, PaymentActions payments, TimeProvider clock) : PageModel
{
    public CandidatePage Candidates { get; private set; } = new([], 0, 1, PaymentBatches.CandidatePageSize, "");
    public string Today => clock.Today().ToString("yyyy-MM-dd");

    [BindProperty(SupportsGet = true)]
    public CashInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Receipt { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Show(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        byte[] bytes = [];
        if (Receipt is { Length: > 0 } file && file.Length <= payments.MaxPhotoBytes)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        else if (Receipt is { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Receipt), $"照片不能超过{payments.MaxPhotoBytes / 1024 / 1024}MB");
            return await Show(ct);
        }
        var outcome = await payments.PayCash(Input, bytes, Receipt?.FileName, ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                TempData["Message"] = "已登记现金发放，该户已转为“已发放”。";
                return RedirectToPage();
            case OutcomeStatus.Forbidden:
                return Forbid();
            case OutcomeStatus.NotFound:
                return NotFound();
        }
        foreach (var e in outcome.Errors)
        {
            ModelState.AddModelError(e.Field switch { "Receipt" => nameof(Receipt), "" => "", var f => "Input." + f }, e.Message);
        }
        return await Show(ct);
    }

    private async Task<IActionResult> Show(CancellationToken ct)
    {
        var outcome = await batches.Candidates(PageNumber, ct);
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        if (outcome.Value is { } page)
        {
            Candidates = page;
        }
        else
        {
            outcome.Errors.ToList().ForEach(e => ModelState.AddModelError("", e.Message));
        }
        return Page();
    }
}
