using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tongxing.Web.Data;

namespace Tongxing.Web.Auth;

/// <summary>Puts the user's office and area into the sign-in cookie so every request is scoped without a lookup.</summary>
public sealed class ClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        AddClaims(identity, user);
        return identity;
    }

    public static void AddClaims(ClaimsIdentity identity, AppUser user)
    {
        identity.AddClaim(new Claim(CurrentUser.RoleClaim, user.Role.ToString()));
        identity.AddClaim(new Claim(CurrentUser.AreaCodeClaim, user.AreaCode));
        identity.AddClaim(new Claim(CurrentUser.AreaLevelClaim, user.AreaLevel.ToString()));
        identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName));
        identity.AddClaim(new Claim(CurrentUser.TwoFactorClaim, user.TwoFactorEnabled ? "true" : "false"));
        identity.AddClaim(new Claim(CurrentUser.MustChangePasswordClaim, user.MustChangePassword ? "true" : "false"));
    }
}
