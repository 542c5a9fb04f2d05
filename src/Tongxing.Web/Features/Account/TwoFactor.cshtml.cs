using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;

namespace Tongxing.Web.Features.Account;

/// <summary>Enrols an authenticator app (TOTP, RFC 6238) for two-step sign-in.</summary>
public sealed class TwoFactorModel(UserManager<AppUser> users, TongxingSignInManager signIn, TongxingDb db) : PageModel
{
    public string Key { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public bool Enabled { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() => await Show();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "验证码不正确，请输入验证器上当前显示的6位数字");
            return await Show();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        db.Audit("启用两步验证", nameof(AppUser), user.Id, details: user.UserName);
        await db.SaveChangesAsync();
        // The code just verified is the second step: this sign-in has now completed two-step verification.
        await signIn.SignInWithSecondStepAsync(user);
        TempData["Message"] = "已启用两步验证。今后登录需输入验证器上的6位验证码。";
        return RedirectToPage("/Index");
    }

    private async Task<IActionResult> Show()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Enabled = user.TwoFactorEnabled;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        Key = string.Join(' ', Enumerable.Range(0, (key!.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLower(CultureInfo.InvariantCulture);
        QrSvg = NoticeDocument.QrSvg($"otpauth://totp/{Uri.EscapeDataString("同行:" + user.UserName)}?secret={key}&issuer={Uri.EscapeDataString("同行")}&digits=6");
        return Page();
    }
}
