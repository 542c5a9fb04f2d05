using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>项目落实: the town records (or corrects) that a paid household's funded project started; the same handler as the API.</summary>
public sealed class ProjectStartModel(GetHousehold get, HouseholdFunds funds) : PageModel
{
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
            Input = new ProjectStartInput { StartedOn = p.StartedOn, Note = p.Note };
        }
        else if (Household is not null)
        {
            Input = new ProjectStartInput { StartedOn = Household.Funds?.Today };
        }
        return shown;
    }

    public async Task<IActionResult> OnGetPhotoAsync(Guid id, CancellationToken ct)
    {
        if (await funds.ProjectPhoto(id, ct) is not { } photo)
        {
            return NotFound();
        }
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        return File(photo.Content, photo.ContentType);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        byte[]? content = null;
        if (Photo is { Length: > 0 })
        {
            if (Photo.Length > funds.MaxPhotoBytes)
            {
                ModelState.AddModelError("Photo", $"照片不能超过{funds.MaxPhotoBytes / 1024 / 1024}MB");
                return await Show(id, ct);
            }
            using var buffer = new MemoryStream();
            await Photo.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        var outcome = await funds.RecordProjectStart(id, Input, content, Photo?.FileName, ct);
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
            return Forbid();
        }
        return Page();
    }
}
