using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Data;

namespace Tongxing.Web.Features.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting("signin")]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, TongxingDb db, ILogger<LoginModel> log) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请填写用户名")]
    [Display(Name = "用户名")]
    public string UserName { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "请填写密码")]
    [DataType(DataType.Password)]
    [Display(Name = "密码")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    private async Task Audit(string action, string details)
    {
        db.Audit(action, nameof(AppUser), details: details);
        await db.SaveChangesAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            log.LogInformation("Sign-in {User} from {Address}", UserName, HttpContext.Connection.RemoteIpAddress);
            await Audit("登录", $"用户名：{UserName.Trim()}");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("LoginTwoFactor", new { ReturnUrl });
        }
        if (result.IsLockedOut)
        {
            var user = await users.FindByNameAsync(UserName.Trim());
            var minutes = user?.LockoutEnd is { } end ? Math.Max(1, (int)Math.Ceiling((end - DateTimeOffset.UtcNow).TotalMinutes)) : 15;
            log.LogWarning("Sign-in refused, locked out {User} from {Address}", UserName, HttpContext.Connection.RemoteIpAddress);
            await Audit("登录失败", $"用户名：{UserName.Trim()}；账号已锁定");
            ModelState.AddModelError(string.Empty, $"密码连续输错次数过多，账号已锁定，请{minutes}分钟后再试或联系管理员解锁。");
            return Page();
        }
        log.LogWarning("Sign-in failed {User} from {Address}", UserName, HttpContext.Connection.RemoteIpAddress);
        await Audit("登录失败", $"用户名：{UserName.Trim()}；用户名或密码不正确");
        ModelState.AddModelError(string.Empty, "用户名或密码不正确。");
        return Page();
    }
}
