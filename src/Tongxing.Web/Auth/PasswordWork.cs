using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tongxing.Web.Data;

namespace Tongxing.Web.Auth;

/// <summary>
/// Password checks take turns on the node: at most <c>Security:ConcurrentPasswordChecks</c> at once (half the cores, at
/// least one). A check is a PBKDF2 of 100,000 rounds, tens of milliseconds of a core; two hundred officials signing in
/// at once would otherwise take every core and every pool thread, and a request holding a lock (the audit chain's, a
/// town's quota) would wait for a core between its statements while every other office waits for its lock. Sign-ins
/// queue instead (asynchronously, holding no thread), and the rest of the node keeps the other cores.
/// </summary>
public sealed class PasswordWork(IConfiguration config) : IDisposable
{
    private readonly SemaphoreSlim _turns = new(Width(config));

    public static int Width(IConfiguration config) =>
        Math.Max(1, config.GetValue("Security:ConcurrentPasswordChecks", Environment.ProcessorCount / 2));

    /// <summary>Runs <paramref name="check"/> when a turn is free.</summary>
    public async Task<T> RunAsync<T>(Func<T> check, CancellationToken ct = default)
    {
        await _turns.WaitAsync(ct);
        try
        {
            return check();
        }
        finally
        {
            _turns.Release();
        }
    }

    public void Dispose() => _turns.Dispose();
}

/// <summary>Identity's user manager with its password checks taking turns (<see cref="PasswordWork"/>).</summary>
public sealed class TongxingUserManager(
    IUserStore<AppUser> store, IOptions<IdentityOptions> options, IPasswordHasher<AppUser> hasher,
    IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AppUser>> logger,
    PasswordWork turns)
    : UserManager<AppUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    protected override async Task<PasswordVerificationResult> VerifyPasswordAsync(IUserPasswordStore<AppUser> store, AppUser user, string password)
    {
        var hash = await store.GetPasswordHashAsync(user, CancellationToken);
        return hash is null ? PasswordVerificationResult.Failed : await turns.RunAsync(() => PasswordHasher.VerifyHashedPassword(user, hash, password), CancellationToken);
    }
}
