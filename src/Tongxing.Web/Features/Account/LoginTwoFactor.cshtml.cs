using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Data;

namespace Tongxing.Web.Features.Account;

/// <summary>The second step of signing in, for users with an authenticator enrolled.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting("signin")]
public sealed class LoginTwoFactorModel(SignInManager<AppUser> signIn, TongxingDb db) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请输入验证码")]
    [StringLength(10, ErrorMessage = "验证码为6位数字")]
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
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Code.Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        db.Audit(result.Succeeded ? "登录" : "登录失败", nameof(AppUser), user.Id, details: $"用户名：{user.UserName}；两步验证{(result.Succeeded ? "通过" : result.IsLockedOut ? "失败，账号已锁定" : "验证码不正确")}");
        await db.SaveChangesAsync();
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        ModelState.AddModelError(nameof(Code), result.IsLockedOut ? "验证码错误次数过多，账号已锁定，请稍后再试" : "验证码不正确");
        return Page();
    }
}
