using Microsoft.AspNetCore.Identity;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data;

/// <summary>A person who signs in: one office (role) in one unit of the area hierarchy.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public Role Role { get; set; }
    public string AreaCode { get; set; } = "";
    public AreaLevel AreaLevel { get; set; }
    /// <summary>When an administrator disabled the account: it cannot sign in, its sessions and API tokens stop at once.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>The password was set by someone else (create-admin, a new account, a reset): it must be changed at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
}

/// <summary>A personal API token for machine clients. Only a SHA-256 hash of the secret is stored.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The first characters of the token, shown so the owner can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
