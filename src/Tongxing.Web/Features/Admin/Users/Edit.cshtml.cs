using Microsoft.AspNetCore.Mvc;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Admin.Users;

/// <summary>/Admin/Users/Edit/{id}: change the account's name, phone, office and area; disable, re-enable, reset, unlock.</summary>
public sealed class EditModel(UserAccounts accounts, CurrentUser me, AreaDirectory areas) : UserFormModel
{
    public override bool Editing => true;

    public UserDetail? Account { get; private set; }

    public IssuedPassword? Issued { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await Show(id, keepInput: false, ct);

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        ModelState.Clear();
        // One's own office and area are not on the form (the rule refuses changing them): the account's stay.
        if ((await accounts.Get(id, ct)).Value is { Own: true } own)
        {
            Input = Input with { Role = own.Role, AreaCode = own.AreaCode };
        }
        var outcome = await accounts.Edit(id, Input, ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                TempData["Message"] = "已保存。";
                return RedirectToPage(new { id });
            case OutcomeStatus.NotFound:
                return NotFound();
            default:
                Show(outcome.Errors);
                return await Show(id, keepInput: true, ct);
        }
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) => Act(id, accounts.Disable(id, ct), ct);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) => Act(id, accounts.Enable(id, ct), ct);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) => Act(id, accounts.Unlock(id, ct), ct);

    public Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken ct) => Act(id, accounts.ResetTwoFactor(id, ct), ct);

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, CancellationToken ct)
    {
        ModelState.Clear();
        var outcome = await accounts.ResetPassword(id, ct);
        if (outcome.Status == OutcomeStatus.NotFound)
        {
            return NotFound();
        }
        if (outcome.Ok)
        {
            Issued = outcome.Value;
        }
        else
        {
            Show(outcome.Errors);
        }
        return await Show(id, keepInput: false, ct);
    }

    private async Task<IActionResult> Act(string id, Task<Outcome<string>> act, CancellationToken ct)
    {
        ModelState.Clear();
        var outcome = await act;
        if (outcome.Status == OutcomeStatus.NotFound)
        {
            return NotFound();
        }
        if (outcome.Ok)
        {
            TempData["Message"] = outcome.Value;
            return RedirectToPage(new { id });
        }
        Show(outcome.Errors);
        return await Show(id, keepInput: false, ct);
    }

    private async Task<IActionResult> Show(string id, bool keepInput, CancellationToken ct)
    {
        if (!me.Can(Capability.ManageUsers))
        {
            return Forbid();
        }
        var found = await accounts.Get(id, ct);
        if (!found.Ok)
        {
            return NotFound();
        }
        Account = found.Value!;
        Own = Account.Own;
        if (!keepInput)
        {
            Input = new UserInput
            {
                DisplayName = Account.DisplayName,
                UserName = Account.UserName,
                PhoneNumber = Account.PhoneNumber,
                Role = Account.Role,
                AreaCode = Account.AreaCode,
                ConcurrencyStamp = Account.ConcurrencyStamp,
            };
        }
        else
        {
            Input = Input with { UserName = Account.UserName, Role = Own ? Account.Role : Input.Role, AreaCode = Own ? Account.AreaCode : Input.AreaCode };
        }
        Units = await IndexModel.UnitsAsync(areas, me, ct);
        return Page();
    }
}
