using Microsoft.AspNetCore.Mvc;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Households;

public sealed class EditModel(CorrectHousehold correct, AreaDirectory areas, CurrentUser me) : HouseholdFormPage(areas, me)
{
    [BindProperty]
    public int Version { get; set; }

    public string HeadName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var outcome = await correct.Load(id, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        (Input, Version, HeadName) = (outcome.Value!.Input, outcome.Value.Version, outcome.Value.HeadName);
        await LoadVillages(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!ReplaceBindingErrors())
        {
            var outcome = await correct.Handle(id, Input, Version, ct);
            switch (outcome.Status)
            {
                case OutcomeStatus.Forbidden:
                    return Forbid();
                case OutcomeStatus.NotFound:
                    return NotFound();
                case OutcomeStatus.Ok:
                    TempData["Message"] = "已保存修改，并已重新筛查。";
                    return RedirectToPage("Details", new { id });
                default:
                    ShowErrors(outcome.Errors);
                    break;
            }
        }
        await LoadVillages(ct);
        return Page();
    }
}
