using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Data;

namespace Tongxing.Web.Features.Account;

/// <summary>The second step of signing in, for users with an authenticator enrolled.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting("signin")]
public sealed class LoginTwoFactorModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, TongxingDb db, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请输入验证码")]
    [StringLength(20, ErrorMessage = "请输入6位验证码或恢复码")]
    [Display(Name = "验证码")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("Login");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var code = Code.Replace(" ", "", StringComparison.Ordinal);
        // Six digits are the authenticator's code; anything else is tried as one of the recovery codes shown at enrolment
        // (each works once: the lost-phone way in).
        var recovery = !(code.Length == 6 && code.All(char.IsAsciiDigit));
        var result = recovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code.ToUpperInvariant())
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        var how = recovery ? "恢复码" : "验证码";
        if (result.Succeeded)
        {
            var left = recovery ? $"；使用恢复码登录，剩余{await users.CountRecoveryCodesAsync(user)}个" : "";
            await Auth.CompletedSignIn.RecordAsync(db, user, clock.GetUtcNow(), $"用户名：{user.UserName}；两步验证通过{left}", HttpContext.RequestAborted);
            return LocalRedirect(Auth.CompletedSignIn.Next(user, ReturnUrl, Url.IsLocalUrl));
        }
        db.Audit("登录失败", nameof(AppUser), user.Id, details: $"用户名：{user.UserName}；两步验证{(result.IsLockedOut ? "失败，账号已锁定" : how + "不正确")}");
        await db.SaveChangesAsync();
        ModelState.AddModelError(nameof(Code), result.IsLockedOut ? "验证码错误次数过多，账号已锁定，请稍后再试" : how + "不正确");
        return Page();
    }
}
