using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Households;

public sealed class RegisterModel(RegisterHousehold register, AreaDirectory areas, CurrentUser me) : PageModel, IHouseholdForm
{
    [BindProperty]
    public HouseholdInput Input { get; set; } = new();

    public IReadOnlyList<Area> Villages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.Can(Capability.RegisterHousehold))
        {
            return Forbid();
        }
        Input.Members.Add(new MemberInput { Relation = Relation.Head });
        await LoadVillages(ct);
        Input.VillageCode = Villages.Count == 1 ? Villages[0].Code : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAddMemberAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (Input.Members.Count < HouseholdRegistration.MaxMembers)
        {
            Input.Members.Add(new MemberInput());
        }
        await LoadVillages(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(int index, CancellationToken ct)
    {
        ModelState.Clear();
        if (index >= 0 && index < Input.Members.Count && Input.Members.Count > 1)
        {
            Input.Members.RemoveAt(index);
        }
        await LoadVillages(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The use case validates everything; binding errors (e.g. letters in a number box) are reported with it.
        var bindingErrors = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToList();
        ModelState.Clear();
        foreach (var key in bindingErrors)
        {
            ModelState.AddModelError(key, "请填写有效的数值");
        }
        var outcome = await register.Handle(Input, ct);
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        if (outcome.Ok && bindingErrors.Count == 0)
        {
            TempData["Message"] = "已登记，待筛查。";
            return RedirectToPage("Details", new { id = outcome.Value });
        }
        foreach (var e in outcome.Errors)
        {
            var key = string.IsNullOrEmpty(e.Field) ? string.Empty : "Input." + e.Field;
            if (!ModelState.ContainsKey(key) || ModelState[key]!.Errors.Count == 0)
            {
                ModelState.AddModelError(key, e.Message);
            }
        }
        await LoadVillages(ct);
        return Page();
    }

    private async Task LoadVillages(CancellationToken ct) =>
        Villages = (await areas.WithinAsync(me.Scope, ct)).Where(a => a.Level == AreaLevel.Village).ToList();
}
