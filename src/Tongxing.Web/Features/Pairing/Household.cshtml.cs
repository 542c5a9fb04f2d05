using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Funds;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

/// <summary>/Pairing/Household/{id}: one household's helpers — pair, end, replace, print 附件3, upload the signed scan. The same handlers as the API.</summary>
public sealed class HouseholdModel(PairingActions pairings, AgreementForms agreements) : PageModel
{
    public HouseholdPairings View { get; private set; } = default!;

    [BindProperty]
    public PairInput Pair { get; set; } = new();

    [BindProperty]
    public EndPairingInput End { get; set; } = new();

    [BindProperty]
    public AgreementInput Agreement { get; set; } = new();

    [BindProperty]
    public Guid PairingId { get; set; }

    [BindProperty]
    public IFormFile? Photo { get; set; }

    /// <summary>Which form to show open again with its errors.</summary>
    public string? Open { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => Show(id, ct);

    public async Task<IActionResult> OnPostPairAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var outcome = await pairings.Pair(id, Pair, ct);
        return await this.After(id, outcome, "已结对。请打印帮扶协议书，双方签字、村党组织盖章后上传。", () => Show(id, ct), f => f == "" ? "" : "Pair." + f);
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var outcome = await pairings.End(PairingId, End, ct);
        Open = "end-" + PairingId;
        // The errors of this small form go to the summary at the top, where they are seen on a phone.
        return await this.After(id, outcome, End.ReplacementHelperId is null ? "已解除结对。" : "已更换帮扶人，请与新帮扶人签订协议。", () => Show(id, ct), _ => "");
    }

    public async Task<IActionResult> OnPostAgreementAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        Open = "scan-" + PairingId;
        var photo = await UploadedPhoto.ReadAsync(Photo, agreements.MaxPhotoBytes, ct);
        if (photo.TooLarge)
        {
            ModelState.AddModelError("", UploadedPhoto.TooLargeMessage(agreements.MaxPhotoBytes));
            return await Show(id, ct);
        }
        var outcome = await agreements.Attach(PairingId, Agreement, photo.Content, photo.FileName, ct);
        return await this.After(id, outcome, "已上传签订的协议书，该结对显示为“协议已签订”。", () => Show(id, ct), _ => "");
    }

    public async Task<IActionResult> OnGetScanAsync(Guid pairingId, CancellationToken ct) => UploadedPhoto.Serve(this, await agreements.Scan(pairingId, ct));

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        var outcome = await pairings.Of(id, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        View = outcome.Value!;
        return Page();
    }
}
