using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairings;

/// <summary>
/// What the support-log and visit forms share: the household shown, a new record id made when the form is drawn (the
/// phone's script makes a fresh one for each record it keeps), the photos read once, and the handler's answer shown
/// by field. The same handler answers the API the script sends to.
/// </summary>
public abstract class FollowUpFormPage(FollowUpAccess access) : PageModel
{
    public FollowUpForm Form { get; private set; } = default!;

    /// <summary>The id the next record will carry.</summary>
    public Guid NewId { get; private set; } = Guid.NewGuid();

    /// <summary>Set when the handler answered that a return visit may duplicate one recorded meanwhile: the form then offers to confirm.</summary>
    public bool AskConfirmDuplicate { get; private set; }

    protected abstract Capability Capability { get; }

    protected abstract string Denied { get; }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public string Posted(string key) => Request.HasFormContentType && Request.Form.TryGetValue(key, out var v) ? v.ToString() : "";

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, CancellationToken ct) => await Show(id, ct);

    protected async Task<IActionResult> Post(Guid householdId, Func<IReadOnlyList<IncomingPhoto>, CancellationToken, Task<Outcome<RecordedFollowUp>>> record, string done, CancellationToken ct)
    {
        var files = Request.HasFormContentType ? Request.Form.Files.GetFiles(FollowUpEndpoints.PhotosField) : [];
        var photos = await FollowUpEndpoints.ReadAsync(files, access, ct);
        if (photos.Error is { } error)
        {
            ModelState.AddModelError("Photos", error);
            return await Show(householdId, ct);
        }
        var outcome = await record(photos.Photos, ct);
        AskConfirmDuplicate = outcome.Errors.Any(e => e.Field == FollowUpAccess.PossibleDuplicate);
        if (outcome.Ok)
        {
            TempData["Message"] = outcome.Value!.Duplicate ? "该记录已保存过，未重复保存。" : done;
            return RedirectToPage("/Pairing/Mine");
        }
        return await this.After(householdId, outcome, done, () => Show(householdId, ct),
            field => field is FollowUpAccess.PossibleDuplicate or FollowUpAccess.PairingEnded or FollowUpAccess.IdReused ? "" : field);
    }

    private async Task<IActionResult> Show(Guid householdId, CancellationToken ct)
    {
        var outcome = await access.FormAsync(householdId, Capability, Denied, ct);
        if (!outcome.Ok)
        {
            return outcome.Status switch
            {
                OutcomeStatus.Forbidden => Forbid(),
                OutcomeStatus.NotFound => NotFound(),
                _ => Gone(outcome),
            };
        }
        Form = outcome.Value!;
        if (Guid.TryParse(Posted("id"), out var posted) && !ModelState.IsValid)
        {
            NewId = posted;
        }
        return Page();
    }

    /// <summary>An ended pairing or an unpaired household: the reason, on the helper's list.</summary>
    private RedirectToPageResult Gone(Outcome<FollowUpForm> outcome)
    {
        TempData["Message"] = outcome.Errors.Count > 0 ? outcome.Errors[0].Message : null;
        return RedirectToPage("/Pairing/Mine");
    }
}
