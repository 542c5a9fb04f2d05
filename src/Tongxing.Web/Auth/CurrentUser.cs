using System.Security.Claims;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Auth;

/// <summary>The signed-in person as the use cases see them: who, which office, which area.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor, Data.TongxingDb db)
{
    public const string RoleClaim = "tx:role";
    public const string AreaCodeClaim = "tx:area";
    public const string AreaLevelClaim = "tx:level";
    public const string DisplayNameClaim = "tx:name";
    public const string TwoFactorClaim = "tx:2fa";
    public const string MustChangePasswordClaim = "tx:pwd";

    private ClaimsPrincipal? _runAs;

    private ClaimsPrincipal Principal => _runAs ?? accessor.HttpContext?.User ?? new ClaimsPrincipal();

    /// <summary>
    /// For background work done on a user's behalf (an import job): the use cases then check that user's rights and
    /// scope exactly as they would in the user's request, and the audit entries of the scope's saves name that user.
    /// Only the job worker (and the benchmark's commands) call this, in their own DI scope.
    /// </summary>
    public void RunAs(ClaimsPrincipal principal)
    {
        _runAs = principal;
        db.ActingAs = principal;
    }

    /// <summary><see cref="RunAs(ClaimsPrincipal)"/> with the claims the user's sign-in would carry.</summary>
    public async Task RunAsAsync(Data.AppUser user, Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<Data.AppUser> claims) =>
        RunAs(await claims.CreateAsync(user));

    public bool IsSignedIn => Principal.Identity?.IsAuthenticated == true && Role is not null;
    public string Id => Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
    public string DisplayName => Principal.FindFirstValue(DisplayNameClaim) ?? Principal.Identity?.Name ?? "";

    public Role? Role => Enum.TryParse<Role>(Principal.FindFirstValue(RoleClaim), out var r) ? r : null;

    /// <summary>The user's area and everything below it. A user without a valid area sees nothing.</summary>
    public AreaScope? Scope =>
        Enum.TryParse<AreaLevel>(Principal.FindFirstValue(AreaLevelClaim), out var level) && Principal.FindFirstValue(AreaCodeClaim) is { Length: > 0 } code
            ? new AreaScope(level, code)
            : null;

    public bool Can(Capability capability) => Role is { } r && r.Can(capability);

    public bool HasTwoFactor => Principal.FindFirstValue(TwoFactorClaim) == "true";

    /// <summary>The password was set by someone else: nothing but changing it is open until it is changed.</summary>
    public bool MustChangePassword => Principal.FindFirstValue(MustChangePasswordClaim) == "true";

    /// <summary>The user as the domain sees an actor; null when the sign-in lacks a role or area (then nothing is allowed).</summary>
    public Actor? Actor => Role is { } r && Scope is { } s ? new Actor(Id, DisplayName, r, s) : null;
}
