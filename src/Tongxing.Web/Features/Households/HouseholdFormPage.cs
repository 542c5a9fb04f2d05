using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Households;

/// <summary>What the register and edit pages share: the input, the villages to choose from, adding and removing members without JavaScript.</summary>
public abstract class HouseholdFormPage(AreaDirectory areas, CurrentUser me) : PageModel, IHouseholdForm
{
    protected CurrentUser Me { get; } = me;

    [BindProperty]
    public HouseholdInput Input { get; set; } = new();

    public IReadOnlyList<Area> Villages { get; private set; } = [];

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

    /// <summary>Replaces the binder's English messages (e.g. letters in a number box) with one Chinese message per field; true when there were any.</summary>
    protected bool ReplaceBindingErrors()
    {
        var keys = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToList();
        ModelState.Clear();
        foreach (var key in keys)
        {
            ModelState.AddModelError(key, "请填写有效的数值");
        }
        return keys.Count > 0;
    }

    /// <summary>Shows the use case's errors at their fields (keys without the <c>Input.</c> prefix).</summary>
    protected void ShowErrors(IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
        {
            var key = string.IsNullOrEmpty(e.Field) ? string.Empty : "Input." + e.Field;
            if (!ModelState.ContainsKey(key) || ModelState[key]!.Errors.Count == 0)
            {
                ModelState.AddModelError(key, e.Message);
            }
        }
    }

    /// <summary>The villages in use; a retired one only when it is the household's own (a registered household keeps it).</summary>
    protected async Task LoadVillages(CancellationToken ct) =>
        Villages = (await areas.WithinAsync(Me.Scope, ct)).Where(a => a.Level == AreaLevel.Village && (!a.IsRetired || a.Code == Input.VillageCode)).ToList();
}
