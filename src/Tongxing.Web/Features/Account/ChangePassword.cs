using Microsoft.AspNetCore.Identity;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Account;

public sealed record ChangePasswordCommand(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

/// <summary>
/// A user changes their own password: the current one, the new one twice, Identity's rules in Chinese. The account's
/// security stamp is renewed, so every other session of it ends at its next check, while this one stays signed in; a
/// password someone else set (<see cref="AppUser.MustChangePassword"/>) is thereby replaced. The account's API tokens are
/// revoked in the same save: whoever knew the old password could have issued one. The result is how many were revoked.
/// </summary>
public sealed class ChangePassword(TongxingDb db, UserManager<AppUser> users, TongxingSignInManager signIn, CurrentUser me, IHttpContextAccessor http, TimeProvider clock)
{
    public async Task<Outcome<int>> Handle(ChangePasswordCommand c, CancellationToken ct)
    {
        if (http.HttpContext?.User.Identity?.AuthenticationType != IdentityConstants.ApplicationScheme)
        {
            return Outcome<int>.Forbidden("请登录网页后修改密码，不能用 API 令牌修改密码");
        }
        var user = await users.FindByIdAsync(me.Id);
        if (user is null)
        {
            return Outcome<int>.NotFound();
        }
        var check = Accounts.CheckPasswordChange(c.CurrentPassword, c.NewPassword, c.ConfirmPassword);
        if (!check.Succeeded)
        {
            return Outcome<int>.Refused(check);
        }
        if (!await users.CheckPasswordAsync(user, c.CurrentPassword!))
        {
            // Counts towards the lock-out: an unattended session is no way to guess the password.
            await users.AccessFailedAsync(user);
            return Outcome<int>.Invalid([new FieldError("CurrentPassword", "原密码不正确")]);
        }
        var strength = new List<FieldError>();
        foreach (var validator in users.PasswordValidators)
        {
            var r = await validator.ValidateAsync(users, user, c.NewPassword);
            strength.AddRange(r.Errors.Select(e => new FieldError("NewPassword", e.Description)));
        }
        if (strength.Count > 0)
        {
            return Outcome<int>.Invalid(strength);
        }
        var forced = user.MustChangePassword;
        user.MustChangePassword = false;
        // Queued first: the new password, the cleared flag, the revoked tokens and this entry are saved in one transaction.
        var revoked = await ApiTokens.RevokeAllAsync(db, user.Id, clock.GetUtcNow(), ct);
        db.Audit("修改密码", nameof(AppUser), user.Id, details: $"用户名：{user.UserName}{(forced ? "；首次登录修改初始密码" : "")}{(revoked > 0 ? $"；同时作废API令牌{revoked}个" : "")}");
        var changed = await users.ChangePasswordAsync(user, c.CurrentPassword!, c.NewPassword!);
        if (!changed.Succeeded)
        {
            user.MustChangePassword = forced;
            return Outcome<int>.Conflict(changed.Errors.FirstOrDefault()?.Description ?? "密码未能修改，请重试");
        }
        // The stamp changed: every other session of the account ends; this one gets a cookie with the new stamp.
        await signIn.RefreshSignInAsync(user);
        return Outcome<int>.Success(revoked);
    }
}
