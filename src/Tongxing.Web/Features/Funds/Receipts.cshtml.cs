using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

public sealed class ReceiptsModel(FundsReceipts receipts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ReceiptListQuery Query { get; set; } = new();

    public ReceiptListView List { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await receipts.List(Query, ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        List = outcome.Value!;
        return Page();
    }

    public async Task<IActionResult> OnGetPhotoAsync(Guid paymentId, CancellationToken ct) => UploadedPhoto.Serve(this, await receipts.Photo(paymentId, ct));

    public string Link(string? state = null, string? town = null, string? village = null, int? page = null) =>
        PageLinks.To("/Funds/Receipts", new { State = state ?? List.State, Town = town ?? Query.Town, Village = village ?? Query.Village, Page = page });
}
