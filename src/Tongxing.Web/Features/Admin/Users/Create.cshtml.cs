using Microsoft.AspNetCore.Mvc;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Admin.Users;

/// <summary>/Admin/Users/Create: one new account; its temporary password is shown on the answer to the post, once.</summary>
public sealed class CreateModel(UserAccounts accounts, CurrentUser me, AreaDirectory areas) : UserFormModel
{
    public IssuedPassword? Issued { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.Can(Capability.ManageUsers))
        {
            return Forbid();
        }
        Units = await IndexModel.UnitsAsync(areas, me, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!me.Can(Capability.ManageUsers))
        {
            return Forbid();
        }
        ModelState.Clear();
        var outcome = await accounts.Create(Input, ct);
        if (outcome.Ok)
        {
            Issued = outcome.Value;
            return Page();
        }
        Show(outcome.Errors);
        Units = await IndexModel.UnitsAsync(areas, me, ct);
        return Page();
    }
}
