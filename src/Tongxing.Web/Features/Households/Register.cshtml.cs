using Microsoft.AspNetCore.Mvc;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Households;

public sealed class RegisterModel(RegisterHousehold register, AreaDirectory areas, CurrentUser me) : HouseholdFormPage(areas, me)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Me.Can(Capability.RegisterHousehold))
        {
            return Forbid();
        }
        Input.Members.Add(new MemberInput { Relation = Relation.Head });
        await LoadVillages(ct);
        Input.VillageCode = Villages.Count == 1 ? Villages[0].Code : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The use case validates everything; binding errors are reported with its own.
        var bindingErrors = ReplaceBindingErrors();
        var outcome = await register.Handle(Input, ct);
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        if (outcome.Ok && !bindingErrors)
        {
            TempData["Message"] = "已登记，并已自动筛查。";
            return RedirectToPage("Details", new { id = outcome.Value });
        }
        ShowErrors(outcome.Errors);
        await LoadVillages(ct);
        return Page();
    }
}
