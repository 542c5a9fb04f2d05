using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>项目落实: the town records (or corrects) that a paid household's funded project started; the same handler as the API.</summary>
public sealed class ProjectStartModel(GetHousehold get, HouseholdFunds funds, Auth.CurrentUser me) : PageModel
{
    /// <summary>The town opened the page of a household not yet paid: the page says so instead of refusing.</summary>
    public bool NotYetPaid { get; private set; }

    public HouseholdView Household { get; private set; } = default!;

    [BindProperty]
    public ProjectStartInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Photo { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var shown = await Show(id, ct);
        if (Household?.Funds?.Project is { } p)
        {
            Input = new ProjectStartInput { StartedOn = p.StartedOn, Note = p.Note, Version = p.Version };
        }
        else if (Household is not null)
        {
            Input = new ProjectStartInput { StartedOn = Household.Funds?.Today };
        }
        return shown;
    }

    public async Task<IActionResult> OnGetPhotoAsync(Guid id, CancellationToken ct) => UploadedPhoto.Serve(this, await funds.ProjectPhoto(id, ct));

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var photo = await UploadedPhoto.ReadAsync(Photo, funds.MaxPhotoBytes, ct);
        if (photo.TooLarge)
        {
            ModelState.AddModelError("Photo", UploadedPhoto.TooLargeMessage(funds.MaxPhotoBytes));
            return await Show(id, ct);
        }
        var outcome = await funds.RecordProjectStart(id, Input, photo.Content, photo.FileName, ct);
        if (outcome.Ok)
        {
            TempData["Message"] = "已登记项目落实情况。";
            return Redirect($"/Households/Details/{id}#funds");
        }
        return await this.After(id, outcome, "", () => Show(id, ct), field => field is "StartedOn" or "Note" ? "Input." + field : field);
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        var outcome = await get.Handle(id, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        Household = outcome.Value!;
        if (Household.Funds is not { CanRecordProject: true })
        {
            if (Household.Funds is not null && me.Can(Domain.Capability.PayHouseholds))
            {
                NotYetPaid = true;
                return Page();
            }
            return Forbid();
        }
        return Page();
    }
}
