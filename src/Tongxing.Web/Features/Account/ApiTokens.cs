using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Account;

public sealed record ApiTokenView(Guid Id, string Name, string Prefix, string CreatedAt, string ExpiresAt, string? LastUsedAt, bool Active);

public sealed record NewApiToken(Guid Id, string Token, string ExpiresAt);

/// <summary>A user's personal API tokens: list, issue (the secret is shown once), revoke.</summary>
public sealed class ApiTokens(TongxingDb db, CurrentUser me, TimeProvider clock, SignInPolicy policy, IHttpContextAccessor http)
{
    public const int MaxDays = 365;

    public async Task<IReadOnlyList<ApiTokenView>> List(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == me.Id).ToListAsync(ct);
        return tokens.OrderByDescending(t => t.CreatedAt).Select(t => new ApiTokenView(t.Id, t.Name, t.Prefix, Clock.Local(t.CreatedAt), Clock.Local(t.ExpiresAt),
            t.LastUsedAt is { } u ? Clock.Local(u) : null, t.RevokedAt is null && t.ExpiresAt > now)).ToList();
    }

    public async Task<Outcome<NewApiToken>> Issue(string? name, int days, CancellationToken ct)
    {
        // Only a person signed in through every step their account needs may issue a token: never a token (a stolen one
        // could otherwise renew itself for ever), never a password-only session of an office that must use two-step sign-in.
        var twoFactor = await db.Users.Where(u => u.Id == me.Id).Select(u => u.TwoFactorEnabled).FirstOrDefaultAsync(ct);
        if (http.HttpContext?.User is not { } principal || me.Role is not { } role || !policy.CompletedSignIn(principal, role, twoFactor))
        {
            return Outcome<NewApiToken>.Forbidden(me.Role is { } r && (policy.RequiresTwoFactor(r) || twoFactor)
                ? "请先完成两步验证登录（输入验证器上的6位验证码）后再签发令牌"
                : "令牌只能在登录后的页面上签发，不能用令牌签发令牌");
        }
        var errors = new List<FieldError>();
        name = PlainText.Clean(name);
        if (string.IsNullOrEmpty(name) || name.Length > 50)
        {
            errors.Add(new FieldError("Name", "请填写令牌用途（不超过50个字）"));
        }
        if (days is < 1 or > MaxDays)
        {
            errors.Add(new FieldError("Days", $"有效期应为1至{MaxDays}天"));
        }
        if (errors.Count > 0)
        {
            return Outcome<NewApiToken>.Invalid(errors);
        }
        var secret = ApiTokenAuthentication.NewToken();
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            UserId = me.Id,
            Name = name!,
            Prefix = secret[..10],
            Hash = ApiTokenAuthentication.HashOf(secret),
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return Outcome<NewApiToken>.Success(new NewApiToken(token.Id, secret, Clock.Local(token.ExpiresAt)));
    }

    /// <summary>
    /// Marks every live token of the account revoked, in the caller's next save (a password changed or reset, an account
    /// disabled or moved): a token is a second key to the account and ends with the first. Returns how many.
    /// </summary>
    public static async Task<int> RevokeAllAsync(TongxingDb db, string userId, DateTimeOffset now, CancellationToken ct)
    {
        var live = await db.ApiTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct);
        foreach (var token in live)
        {
            token.RevokedAt = now;
        }
        return live.Count;
    }

    public async Task<Outcome<bool>> Revoke(Guid id, CancellationToken ct)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == me.Id, ct);
        if (token is null)
        {
            return Outcome<bool>.NotFound();
        }
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Success(true);
    }
}
