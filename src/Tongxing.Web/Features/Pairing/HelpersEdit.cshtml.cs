using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Admin.Users;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

/// <summary>/Pairing/HelpersEdit/{id?}: registering a helper, changing one, and opening the helper's account (the password shown once).</summary>
public sealed class HelpersEditModel(HelpersRegister helpers, CurrentUser me, AreaDirectory areas) : PageModel
{
    [BindProperty]
    public HelperInput Input { get; set; } = new();

    public HelperRow? Helper { get; private set; }

    public IReadOnlyList<Area> Villages { get; private set; } = [];

    public IssuedPassword? Issued { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!me.Can(Capability.ManageHelpers))
        {
            return Forbid();
        }
        if (id is { } helperId)
        {
            var found = await helpers.One(helperId, ct);
            if (!found.Ok)
            {
                return NotFound();
            }
            Helper = found.Value!;
            Input = new HelperInput
            {
                Name = Helper.Name,
                Gender = Helper.Gender == "男" ? "Male" : "Female",
                Phone = Helper.Phone,
                PartyBranch = Helper.PartyBranch,
                WorkUnit = Helper.WorkUnit,
                Post = Helper.Post,
                Kind = Enum.GetValues<HelperKind>().First(k => PairingLabels.Of(k) == Helper.Kind).ToString(),
                Skills = Helper.Skills,
                Version = Helper.Version,
            };
        }
        else
        {
            Input = new HelperInput { CreateAccount = true, VillageCode = me.Scope?.Level == AreaLevel.Village ? me.Scope.Code : null };
        }
        return await Show(id, ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (!me.Can(Capability.ManageHelpers))
        {
            return Forbid();
        }
        ModelState.Clear();
        Outcome<HelperSaved> outcome;
        if (id is { } helperId)
        {
            outcome = await helpers.Change(helperId, Input, ct);
            if (outcome.Ok && Input.CreateAccount)
            {
                Input.Version = outcome.Value!.Version;
                outcome = await helpers.OpenAccount(helperId, new HelperAccountInput { UserName = Input.UserName, Version = outcome.Value!.Version }, ct);
            }
        }
        else
        {
            outcome = await helpers.Register(Input, ct);
        }
        if (outcome.Ok)
        {
            if (outcome.Value!.Account is { } account)
            {
                Issued = account;
                return await Show(outcome.Value.Id, ct);
            }
            TempData["Message"] = $"已保存帮扶人{Input.Name}。";
            return RedirectToPage("/Pairing/Helpers");
        }
        if (outcome.Status == OutcomeStatus.NotFound)
        {
            return NotFound();
        }
        if (outcome.Status == OutcomeStatus.Forbidden && outcome.Errors.All(e => e.Field == ""))
        {
            return Forbid();
        }
        foreach (var e in outcome.Errors)
        {
            ModelState.AddModelError(e.Field == "" ? "" : "Input." + e.Field, e.Message);
        }
        return await Show(id, ct);
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task<IActionResult> Show(Guid? id, CancellationToken ct)
    {
        if (id is { } helperId && Helper is null)
        {
            Helper = (await helpers.One(helperId, ct)).Value;
        }
        Villages = (await areas.InUseWithinAsync(me.Scope, ct)).Where(a => a.Level == AreaLevel.Village).ToList();
        return Page();
    }
}
