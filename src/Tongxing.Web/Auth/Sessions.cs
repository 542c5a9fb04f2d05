using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Auth;

/// <summary>
/// How a sign-in cookie stays valid. Every <c>Security:SessionCheckSeconds</c> (60) a node checks the cookie against the
/// account (ASP.NET Core Identity's security stamp validation): the session ends when the stamp changed (sign-out, a new
/// password, two-step sign-in reset), the account is locked out or disabled, or its office or area no longer match the cookie's.
/// </summary>
public sealed class TongxingSignInManager(
    UserManager<AppUser> users, IHttpContextAccessor accessor, IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, accessor, claims, options, logger, schemes, confirmation)
{
    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        if (user is null || principal is null)
        {
            return null;
        }
        if (user.DisabledAt is not null || await UserManager.IsLockedOutAsync(user))
        {
            return null;
        }
        // A change of office or area ends the session: the cookie's claims decide what the user may see and do.
        if (principal.FindFirstValue(CurrentUser.RoleClaim) != user.Role.ToString()
            || principal.FindFirstValue(CurrentUser.AreaCodeClaim) != user.AreaCode
            || principal.FindFirstValue(CurrentUser.AreaLevelClaim) != user.AreaLevel.ToString())
        {
            return null;
        }
        return user;
    }

    /// <summary>A disabled account completes no sign-in step (the sign-in page answers it as a wrong password before this).</summary>
    public override async Task<bool> CanSignInAsync(AppUser user) => user.DisabledAt is null && await base.CanSignInAsync(user);

    /// <summary>Signs the user in as having completed two-step sign-in (after enrolment, with a code just verified).</summary>
    public Task SignInWithSecondStepAsync(AppUser user) =>
        SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SignInPolicy.MethodClaim, SignInPolicy.MultiFactor)]);

    /// <summary>
    /// The cookie's check, asked on every request. Identity's own builds its validator — a sign-in manager, a user manager
    /// and a database context — before it looks whether the interval has passed; this looks first, with the same clock
    /// and interval, and hands over to it only when a check is due (or the cookie says not when it was issued).
    /// </summary>
    public static Task CheckWhenDueAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval
            ? Task.CompletedTask
            : SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    public static void Configure(SecurityStampValidatorOptions o, IConfiguration config)
    {
        o.ValidationInterval = TimeSpan.FromSeconds(config.GetValue("Security:SessionCheckSeconds", 60));
        // The refreshed cookie keeps how the user signed in (two-step or not), which token issuing asks for.
        o.OnRefreshingPrincipal = ctx =>
        {
            if (ctx.NewPrincipal?.Identity is ClaimsIdentity identity)
            {
                foreach (var amr in ctx.CurrentPrincipal?.FindAll(SignInPolicy.MethodClaim) ?? [])
                {
                    identity.AddClaim(new Claim(amr.Type, amr.Value));
                }
            }
            return Task.CompletedTask;
        };
    }
}

/// <summary>Which sign-in steps an office must complete, read once from <c>Security:RequireTwoFactorRoles</c>.</summary>
public sealed class SignInPolicy(IConfiguration config)
{
    /// <summary>The claim Identity adds for a sign-in that passed the second step ("amr": "mfa").</summary>
    public const string MethodClaim = "amr";
    public const string MultiFactor = "mfa";

    private readonly HashSet<Role> _twoFactorRoles =
        (config.GetSection("Security:RequireTwoFactorRoles").Get<string[]>() ?? []).Where(r => r.Length > 0).Select(Enum.Parse<Role>).ToHashSet();

    public bool RequiresTwoFactor(Role role) => _twoFactorRoles.Contains(role);

    public bool AnyRoleRequiresTwoFactor => _twoFactorRoles.Count > 0;

    /// <summary>
    /// A session that completed every sign-in step its account needs: a sign-in cookie (never an API token), and the
    /// second step when the office requires it or the account has an authenticator enrolled (now, not when signed in).
    /// </summary>
    public bool CompletedSignIn(ClaimsPrincipal principal, Role role, bool accountHasTwoFactor) =>
        principal.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme
        && (!(RequiresTwoFactor(role) || accountHasTwoFactor) || principal.HasClaim(MethodClaim, MultiFactor));
}

/// <summary>
/// TOTP codes (RFC 6238) as Identity's authenticator provider checks them, but each code is accepted once: the time step
/// of the last accepted code is kept with the user, and a code of that step or an earlier one is refused.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "TongxingAuthenticator";
    private const string Store = "Tongxing";
    private const string LastStep = "LastTotpStep";
    /// <summary>Authenticator apps count real time, whatever clock the programme runs on (the demo's starts in 2020).</summary>
    private readonly TimeProvider _clock = TimeProvider.System;

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) => manager.GetTwoFactorEnabledAsync(user);

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !int.TryParse(token, out var code))
        {
            return false;
        }
        var secret = Base32.Decode(key);
        var step = _clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, Store, LastStep), out var stored) ? stored : long.MinValue;
        // As Identity's provider: the current step and two either side (clock drift of a phone).
        for (var s = step - 2; s <= step + 2; s++)
        {
            if (s > last && CryptographicOperations.FixedTimeEquals(BitConverter.GetBytes(Totp(secret, s)), BitConverter.GetBytes(code)))
            {
                // Stored with the user's concurrency stamp: of two requests racing with one code, one update fails.
                return (await manager.SetAuthenticationTokenAsync(user, Store, LastStep, s.ToString(System.Globalization.CultureInfo.InvariantCulture))).Succeeded;
            }
        }
        return false;
    }

    public static int Totp(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; its use as an HMAC is not weakened by SHA-1's collisions.
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }
}

/// <summary>RFC 4648 base32, as authenticator keys are written.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static byte[] Decode(string text)
    {
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            var v = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (v < 0)
            {
                continue;
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. output];
    }
}
