using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongxing.Web.Data;

namespace Tongxing.Web.Auth;

/// <summary>
/// Authenticates machine clients by a personal API token sent as <c>Authorization: Bearer tx_…</c>.
/// The token is looked up by its SHA-256 hash; revoked, expired, locked-out or disabled owners are refused.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TongxingDb db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenPrefix = "tx_";

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string NewToken() => TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return AuthenticateResult.Fail("invalid token");
        }
        var hash = HashOf(token);
        var now = clock.GetUtcNow();
        var found = await db.ApiTokens.Where(t => t.Hash == hash).Select(t => new { Token = t, User = db.Users.First(u => u.Id == t.UserId) }).FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || found.Token.RevokedAt is not null || found.Token.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail("token revoked, expired or unknown");
        }
        if (found.User.LockoutEnd is { } end && end > now)
        {
            return AuthenticateResult.Fail("user locked out");
        }
        if (found.User.DisabledAt is not null)
        {
            return AuthenticateResult.Fail("user disabled");
        }
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, found.User.Id));
        identity.AddClaim(new Claim(ClaimTypes.Name, found.User.UserName ?? ""));
        ClaimsFactory.AddClaims(identity, found.User);
        var principal = new ClaimsPrincipal(identity);
        // Record use at most once a minute, so a busy client does not turn every read into a write; logged as the
        // token's owner (the request is not yet signed in while it is being authenticated).
        if (found.Token.LastUsedAt is not { } last || now - last > TimeSpan.FromMinutes(1))
        {
            found.Token.LastUsedAt = now;
            db.ActingAs = principal;
            try
            {
                await db.SaveChangesAsync(Context.RequestAborted);
            }
            finally
            {
                db.ActingAs = null;
            }
        }
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
