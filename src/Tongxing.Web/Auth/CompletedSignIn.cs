using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;

namespace Tongxing.Web.Auth;

/// <summary>What a sign-in that passed every step leaves behind: the audit entry "登录" and the account's last sign-in time.</summary>
public static class CompletedSignIn
{
    public static async Task RecordAsync(TongxingDb db, AppUser user, DateTimeOffset at, string details, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Audit("登录", nameof(AppUser), user.Id, details: details);
        await db.SaveChangesAsync(ct);
        // Written beside the change tracker: the "登录" entry above records it, and a second entry per sign-in would
        // only repeat it. Neither the concurrency stamp nor the security stamp changes.
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, at), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Where a signed-in user goes next: the password page first when the password must be changed.</summary>
    public static string Next(AppUser user, string? returnUrl, Func<string?, bool> isLocal) =>
        user.MustChangePassword
            ? PasswordChangeRequirement.Page + (isLocal(returnUrl) && returnUrl != "/" ? "?ReturnUrl=" + Uri.EscapeDataString(returnUrl!) : "")
            : isLocal(returnUrl) ? returnUrl! : "/";
}
