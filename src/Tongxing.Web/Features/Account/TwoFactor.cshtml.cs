using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;

namespace Tongxing.Web.Features.Account;

/// <summary>Enrols an authenticator app (TOTP, RFC 6238) for two-step sign-in.</summary>
public sealed class TwoFactorModel(UserManager<AppUser> users, IUserStore<AppUser> store, TongxingSignInManager signIn, TongxingDb db, SignInPolicy policy,
    CurrentUser me) : PageModel
{
    /// <summary>Whether the user's office must enrol (<c>Security:RequireTwoFactorRoles</c>); the others may, by choice.</summary>
    public bool Required => me.Role is { } role && policy.RequiresTwoFactor(role);

    public string Key { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public bool Enabled { get; private set; }

    /// <summary>How many recovery codes the account has left (when enabled).</summary>
    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Recovery codes just generated: shown on this answer only, never again.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The account's password, asked again before the way in is changed (new codes, a new phone): a session alone (a phone left unlocked, a copied cookie) does not do it.</summary>
    [BindProperty]
    public string? CurrentPassword { get; set; }

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
        db.Audit("启用两步验证", nameof(AppUser), user.Id, details: $"{user.UserName}；已生成{RecoveryCodeCount}个恢复码");
        // Saved with the audit entry above: the codes replace any earlier ones.
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        // The code just verified is the second step: this sign-in has now completed two-step verification.
        await signIn.SignInWithSecondStepAsync(user);
        return await Show();
    }

    /// <summary>New recovery codes (the old ones stop working), for a session that completed two-step sign-in.</summary>
    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!user.TwoFactorEnabled || !User.HasClaim(SignInPolicy.MethodClaim, SignInPolicy.MultiFactor))
        {
            ModelState.AddModelError(string.Empty, "请先启用两步验证，并用验证码登录后再生成恢复码");
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return await Show();
        }
        if (!await PasswordConfirmedAsync(user))
        {
            return await Show();
        }
        db.Audit("重新生成恢复码", nameof(AppUser), user.Id, details: $"{user.UserName}；已生成{RecoveryCodeCount}个恢复码，原有恢复码作废");
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        return await Show();
    }

    /// <summary>
    /// A new phone (the old one lost, after signing in with a recovery code): the old authenticator key stops working,
    /// other sessions end, and this page enrols the new phone at once.
    /// </summary>
    public async Task<IActionResult> OnPostNewAuthenticatorAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!user.TwoFactorEnabled || !User.HasClaim(SignInPolicy.MethodClaim, SignInPolicy.MultiFactor))
        {
            ModelState.AddModelError(string.Empty, "请先用验证码或恢复码登录后再更换手机");
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return await Show();
        }
        if (!await PasswordConfirmedAsync(user))
        {
            return await Show();
        }
        db.Audit("更换验证器", nameof(AppUser), user.Id, details: $"{user.UserName}；原验证器密钥作废，须重新启用两步验证");
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    /// <summary>The password typed again, checked as at sign-in (a wrong one counts towards the lock-out); false with the error at the field.</summary>
    private async Task<bool> PasswordConfirmedAsync(AppUser user)
    {
        if (string.IsNullOrEmpty(CurrentPassword))
        {
            ModelState.AddModelError(nameof(CurrentPassword), "请输入登录密码，确认是本人操作");
            return false;
        }
        var checkedPassword = await signIn.CheckPasswordSignInAsync(user, CurrentPassword, lockoutOnFailure: true);
        if (!checkedPassword.Succeeded)
        {
            ModelState.AddModelError(nameof(CurrentPassword), checkedPassword.IsLockedOut ? "密码错误次数过多，账号已锁定，请稍后再试" : "登录密码不正确");
            return false;
        }
        return true;
    }

    private async Task<IActionResult> Show()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Enabled = user.TwoFactorEnabled;
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // The first key, kept until the code from it is confirmed. Set without Identity's reset, which renews the
            // security stamp: a key not yet in use changes no way in, and renewing ended every session of the account
            // (this page's too) within a minute, so whoever took longer to scan the code lost the enrolment.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, key, HttpContext.RequestAborted);
            await users.UpdateAsync(user);
        }
        Key = string.Join(' ', Enumerable.Range(0, (key!.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLower(CultureInfo.InvariantCulture);
        QrSvg = NoticeDocument.QrSvg($"otpauth://totp/{Uri.EscapeDataString("同行:" + user.UserName)}?secret={key}&issuer={Uri.EscapeDataString("同行")}&digits=6");
        return Page();
    }
}
