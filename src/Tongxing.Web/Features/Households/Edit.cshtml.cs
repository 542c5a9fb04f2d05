using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Households;

public sealed class EditModel(CorrectHousehold correct, AreaDirectory areas, CurrentUser me) : PageModel, IHouseholdForm
{
    [BindProperty]
    public HouseholdInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public string HeadName { get; private set; } = "";

    public IReadOnlyList<Area> Villages { get; private set; } = [];

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

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var bindingErrors = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToList();
        ModelState.Clear();
        foreach (var key in bindingErrors)
        {
            ModelState.AddModelError(key, "请填写有效的数值");
        }
        if (bindingErrors.Count == 0)
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
                    foreach (var e in outcome.Errors)
                    {
                        ModelState.AddModelError(string.IsNullOrEmpty(e.Field) ? string.Empty : "Input." + e.Field, e.Message);
                    }
                    break;
            }
        }
        await LoadVillages(ct);
        return Page();
    }

    private async Task LoadVillages(CancellationToken ct) =>
        Villages = (await areas.WithinAsync(me.Scope, ct)).Where(a => a.Level == AreaLevel.Village).ToList();
}
