using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Data;

namespace Tongxing.Web.Features.Account;

public sealed class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, TongxingDb db) : PageModel
{
    /// <summary>Asks first; the sign-out itself is the form's post (with its antiforgery token).</summary>
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : RedirectToPage("/Account/Login");

    public async Task<IActionResult> OnPostAsync()
    {
        // A new security stamp ends this account's every session, on every node, within Security:SessionCheckSeconds: a
        // copy of the cookie taken before signing out no longer works.
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            db.Audit("退出登录", nameof(AppUser), user.Id, details: $"用户名：{user.UserName}");
            await db.SaveChangesAsync();
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
