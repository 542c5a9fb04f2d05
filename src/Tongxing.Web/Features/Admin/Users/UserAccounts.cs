using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Admin.Users;

/// <summary>The states an administrator filters accounts by.</summary>
public enum AccountState
{
    Enabled,
    Disabled,
    LockedOut,
    MustChangePassword,
}

public sealed record UserQuery(Role? Role = null, string? Area = null, AccountState? State = null, string? Q = null, int Page = 1);

public sealed record UserRow(string Id, string DisplayName, string UserName, Role Role, string RoleLabel, string AreaCode, string AreaName, string Phone, string State, string? LastSignIn);

public sealed record UserPage(IReadOnlyList<UserRow> Rows, int Total, int Page, int PageSize);

public sealed record UserDetail(
    string Id, string DisplayName, string UserName, string? PhoneNumber, Role Role, string RoleLabel, string AreaCode, string AreaName,
    bool Disabled, bool LockedOut, bool MustChangePassword, bool TwoFactorEnabled, string? LastSignIn, string ConcurrencyStamp, bool Own);

/// <summary>What an administrator types for an account; <see cref="ConcurrencyStamp"/> is the version read, sent back on a change.</summary>
public sealed record UserInput
{
    public string? DisplayName { get; init; }
    public string? UserName { get; init; }
    public string? PhoneNumber { get; init; }
    public Role? Role { get; init; }
    public string? AreaCode { get; init; }
    public string? ConcurrencyStamp { get; init; }
}

/// <summary>A password set by an administrator: shown once to the administrator, never stored readable, changed at first sign-in.</summary>
public sealed record IssuedPassword(string UserId, string UserName, string DisplayName, string Password);

/// <summary>
/// The administration of accounts (ADR 0017): list, read, create, change, disable, re-enable, reset the password,
/// unlock and reset two-step sign-in, each inside the administrator's area by <see cref="UserAdministration"/>; the
/// pages under /Admin/Users and /api/v1/users call these same methods. Each act is one save, audited.
/// </summary>
public sealed class UserAccounts(TongxingDb db, UserManager<AppUser> users, CurrentUser me, TimeProvider clock, AreaDirectory areas,
    Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions> stamps)
{
    public const int PageSize = 50;
    public const string Changed = "该账号已被他人修改，请刷新页面后重新操作";

    public async Task<Outcome<UserPage>> List(UserQuery query, CancellationToken ct)
    {
        if (me.Actor is not { } admin || !admin.Role.Can(Capability.ManageUsers))
        {
            return Outcome<UserPage>.Forbidden("您的职务无权管理用户账号");
        }
        var prefix = admin.Scope.CodePrefix;
        var accounts = db.Users.AsNoTracking().Where(u => u.AreaCode.StartsWith(prefix));
        if (!string.IsNullOrEmpty(query.Area))
        {
            var unit = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == query.Area, ct);
            if (unit is null || !UserAdministration.Sees(admin, unit.Code))
            {
                return Outcome<UserPage>.Invalid([new FieldError("Area", "所选区域不在您的管辖范围内")]);
            }
            var within = new AreaScope(unit.Level, unit.Code).CodePrefix;
            accounts = accounts.Where(u => u.AreaCode.StartsWith(within));
        }
        if (query.Role is { } role)
        {
            accounts = accounts.Where(u => u.Role == role);
        }
        var now = clock.GetUtcNow();
        accounts = query.State switch
        {
            AccountState.Enabled => accounts.Where(u => u.DisabledAt == null),
            AccountState.Disabled => accounts.Where(u => u.DisabledAt != null),
            AccountState.LockedOut => accounts.Where(u => u.LockoutEnd != null && u.LockoutEnd > now),
            AccountState.MustChangePassword => accounts.Where(u => u.MustChangePassword),
            _ => accounts,
        };
        if (query.Q?.Trim() is { Length: > 0 } q)
        {
            if (q.Length > 30)
            {
                return Outcome<UserPage>.Invalid([new FieldError("Q", "搜索内容不能超过30个字")]);
            }
            accounts = accounts.Where(u => u.DisplayName.Contains(q) || u.UserName!.Contains(q));
        }
        var total = await accounts.CountAsync(ct);
        var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var found = await accounts.OrderBy(u => u.AreaCode).ThenBy(u => u.Role).ThenBy(u => u.UserName)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var names = await areas.NamesAsync(found.Select(u => u.AreaCode), ct);
        var rows = found.Select(u => new UserRow(u.Id, u.DisplayName, u.UserName ?? "", u.Role, u.Role.Label(), u.AreaCode,
            names.GetValueOrDefault(u.AreaCode, u.AreaCode), UserAdministration.MaskPhone(u.PhoneNumber), StateLabel(u, now), Local(u.LastSignInAt))).ToList();
        return Outcome<UserPage>.Success(new UserPage(rows, total, page, PageSize));
    }

    public async Task<Outcome<UserDetail>> Get(string id, CancellationToken ct)
    {
        var (admin, user) = await Find(id, ct);
        return user is null || admin is null ? Outcome<UserDetail>.NotFound() : Outcome<UserDetail>.Success(await Detail(admin, user, ct));
    }

    public async Task<Outcome<IssuedPassword>> Create(UserInput input, CancellationToken ct)
    {
        if (me.Actor is not { } admin || !admin.Role.Can(Capability.ManageUsers))
        {
            return Outcome<IssuedPassword>.Forbidden("您的职务无权管理用户账号");
        }
        var (errors, area) = await Check(input, null, ct);
        if (errors.Count > 0)
        {
            return Outcome<IssuedPassword>.Invalid(errors);
        }
        var rule = UserAdministration.MayCreate(admin, input.Role!.Value, area!);
        if (!rule.Succeeded)
        {
            return Outcome<IssuedPassword>.Refused(rule);
        }
        var password = UserAdministration.TemporaryPassword();
        AppUser user;
        List<FieldError>? failed;
        try
        {
            (user, failed) = await Add(db, users, input, area!, password, mustChange: true, ct);
        }
        catch (DbUpdateException failure) when (TransientFailureAnswers.Retryable(failure) is null)
        {
            // Another administrator took the same user name between the check and the insert (the unique index holds it).
            return Outcome<IssuedPassword>.Conflict($"用户名“{input.UserName}”刚被他人使用，请换一个");
        }
        return failed is null ? Outcome<IssuedPassword>.Success(new IssuedPassword(user.Id, user.UserName!, user.DisplayName, password)) : Outcome<IssuedPassword>.Invalid(failed);
    }

    /// <summary>
    /// The demo's accounts, through the same checks as an administrator's (name, user name, phone, office fitting the
    /// unit) but as the system, with the demo's known password and no change required. Never reached from a request.
    /// </summary>
    public static async Task SeedAsync(TongxingDb db, UserManager<AppUser> users, UserInput input, string password, CancellationToken ct)
    {
        var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == input.AreaCode, ct)
            ?? throw new InvalidOperationException($"area {input.AreaCode} is not loaded");
        var errors = Validate(input, area);
        if (errors.Count == 0)
        {
            (_, var failed) = await Add(db, users, input, area, password, mustChange: false, ct);
            errors = failed ?? [];
        }
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)));
        }
    }

    /// <summary>Checks one account's input (each field at its own key), the unit it names, and that the user name is free.</summary>
    internal async Task<(List<FieldError> Errors, Area? Area)> Check(UserInput input, AppUser? existing, CancellationToken ct)
    {
        var area = string.IsNullOrEmpty(input.AreaCode) || input.AreaCode.Length > 12 ? null
            : await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == input.AreaCode, ct);
        var errors = Validate(input, area);
        if (area is { IsRetired: true } && existing?.AreaCode != area.Code)
        {
            // A retired unit keeps its old accounts but gets no new one (ADR 0019).
            errors.Add(new FieldError("AreaCode", $"“{area.Name}”已撤销，不能再在该区划设立账号"));
        }
        if (existing is null && UserAdministration.CheckUserName(input.UserName) is null
            && await users.FindByNameAsync(input.UserName!) is not null)
        {
            errors.Add(new FieldError("UserName", $"用户名“{input.UserName}”已被使用，请换一个"));
        }
        return (errors, area);
    }

    private static List<FieldError> Validate(UserInput input, Area? area)
    {
        var errors = new List<FieldError>();
        void Add(string field, string? message)
        {
            if (message is not null)
            {
                errors.Add(new FieldError(field, message));
            }
        }
        Add("DisplayName", UserAdministration.CheckName(input.DisplayName));
        Add("UserName", UserAdministration.CheckUserName(input.UserName));
        Add("PhoneNumber", UserAdministration.CheckPhone(input.PhoneNumber));
        Add("Role", input.Role is { } r && Enum.IsDefined(r) ? null : "请选择职务");
        Add("AreaCode", string.IsNullOrEmpty(input.AreaCode) ? "请选择所在区域" : area is null ? $"区划代码“{input.AreaCode}”不存在" : null);
        if (errors.Count == 0 && UserAdministration.Misfit(input.Role!.Value, area!) is { } misfit)
        {
            errors.Add(new FieldError("Role", misfit));
        }
        return errors;
    }

    private static async Task<(AppUser User, List<FieldError>? Errors)> Add(TongxingDb db, UserManager<AppUser> users, UserInput input, Area area, string password, bool mustChange, CancellationToken ct)
    {
        var user = Prepare(users, input, area, password, mustChange);
        return (user, await Insert(db, users, user, area.Name, ct));
    }

    /// <summary>
    /// The new account with its password already hashed: the hash is the slow part (about a tenth of a second), so a bulk
    /// import hashes every row before its transaction opens and holds the audit's lock only for the inserts. The
    /// password meets the sign-in policy by construction (a temporary password, or the demo's).
    /// </summary>
    internal static AppUser Prepare(UserManager<AppUser> users, UserInput input, Area area, string password, bool mustChange)
    {
        var user = new AppUser
        {
            UserName = input.UserName,
            DisplayName = input.DisplayName!.Trim(),
            PhoneNumber = string.IsNullOrEmpty(input.PhoneNumber) ? null : input.PhoneNumber,
            Role = input.Role!.Value,
            AreaCode = area.Code,
            AreaLevel = area.Level,
            LockoutEnabled = true,
            MustChangePassword = mustChange,
        };
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        return user;
    }

    /// <summary>Saves a prepared account (its user name checked once more by Identity), audited as 新建账号; null when saved.</summary>
    internal static async Task<List<FieldError>?> Insert(TongxingDb db, UserManager<AppUser> users, AppUser user, string areaName, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        db.Audit("新建账号", nameof(AppUser), user.Id, user.Id, Describe(user, areaName));
        var result = await users.CreateAsync(user);
        return result.Succeeded ? null : result.Errors.Select(e => new FieldError(e.Code.Contains("UserName", StringComparison.Ordinal) ? "UserName" : "", e.Description)).ToList();
    }

    public async Task<Outcome<UserDetail>> Edit(string id, UserInput input, CancellationToken ct)
    {
        var (admin, user) = await Find(id, ct);
        if (admin is null || user is null)
        {
            return Outcome<UserDetail>.NotFound();
        }
        // The user name stays: it is how the person signs in, and the audit log names them by it.
        input = input with { UserName = user.UserName };
        var (errors, area) = await Check(input, user, ct);
        if (errors.Count > 0)
        {
            return Outcome<UserDetail>.Invalid(errors);
        }
        var rule = UserAdministration.MayChange(admin, Holder(user), input.Role!.Value, area!);
        if (!rule.Succeeded)
        {
            return Outcome<UserDetail>.Refused(rule);
        }
        if (string.IsNullOrEmpty(input.ConcurrencyStamp) || input.ConcurrencyStamp != user.ConcurrencyStamp)
        {
            return Outcome<UserDetail>.Conflict(Changed);
        }
        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = input.ConcurrencyStamp;
        var moved = user.Role != input.Role || user.AreaCode != area!.Code;
        user.DisplayName = input.DisplayName!.Trim();
        user.PhoneNumber = string.IsNullOrEmpty(input.PhoneNumber) ? null : input.PhoneNumber;
        user.Role = input.Role!.Value;
        user.AreaCode = area!.Code;
        user.AreaLevel = area.Level;
        db.Audit("修改账号", nameof(AppUser), user.Id, user.Id, Describe(user, area.Name));
        IdentityResult result;
        if (moved)
        {
            // A new office or area: every session and token of the old one ends (the cookie's claims name the old one).
            await RevokeTokens(user.Id, ct);
            result = await users.UpdateSecurityStampAsync(user);
        }
        else
        {
            result = await users.UpdateAsync(user);
        }
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? Outcome<UserDetail>.Conflict(Changed)
                : Outcome<UserDetail>.Invalid(result.Errors.Select(e => new FieldError("", e.Description)).ToList());
        }
        return Outcome<UserDetail>.Success(await Detail(admin, user, ct));
    }

    public Task<Outcome<string>> Disable(string id, CancellationToken ct) => Act(id, "停用账号", async user =>
    {
        if (user.DisabledAt is not null)
        {
            return "该账号已停用";
        }
        user.DisabledAt = clock.GetUtcNow();
        await RevokeTokens(user.Id, ct);
        await users.UpdateSecurityStampAsync(user);
        return $"已停用账号 {user.UserName}：API令牌即刻失效，已登录的会话在{stamps.Value.ValidationInterval.TotalSeconds:0}秒内结束";
    }, ct);

    public Task<Outcome<string>> Enable(string id, CancellationToken ct) => Act(id, "启用账号", async user =>
    {
        if (user.DisabledAt is null)
        {
            return "该账号已是启用状态";
        }
        user.DisabledAt = null;
        await users.UpdateAsync(user);
        return $"已重新启用账号 {user.UserName}";
    }, ct);

    public Task<Outcome<string>> Unlock(string id, CancellationToken ct) => Act(id, "解除锁定", async user =>
    {
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await users.UpdateAsync(user);
        return $"已解除账号 {user.UserName} 的锁定";
    }, ct);

    public Task<Outcome<string>> ResetTwoFactor(string id, CancellationToken ct) => Act(id, "重置两步验证", async user =>
    {
        // The lost phone's key and the recovery codes go; the person enrols a new phone at the next sign-in if required.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        user.TwoFactorEnabled = false;
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        // Whoever holds the lost phone may hold the account's tokens too.
        await RevokeTokens(user.Id, ct);
        await users.UpdateSecurityStampAsync(user);
        await tx.CommitAsync(ct);
        return $"已重置账号 {user.UserName} 的两步验证，原手机上的验证器和恢复码已作废";
    }, ct);

    public async Task<Outcome<IssuedPassword>> ResetPassword(string id, CancellationToken ct)
    {
        var password = UserAdministration.TemporaryPassword();
        var done = await Act(id, "重置密码", async user =>
        {
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            user.MustChangePassword = true;
            // A reset answers a stolen or forgotten password: the account's tokens end with it, not only its sessions.
            await RevokeTokens(user.Id, ct);
            await users.UpdateSecurityStampAsync(user);
            return user.Id;
        }, ct);
        if (!done.Ok)
        {
            return new Outcome<IssuedPassword>(done.Status, null, done.Errors);
        }
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == id, ct);
        return Outcome<IssuedPassword>.Success(new IssuedPassword(user.Id, user.UserName!, user.DisplayName, password));
    }

    /// <summary>One act on one account's state: found inside the admin's area, never the admin's own, audited by its name.</summary>
    private async Task<Outcome<string>> Act(string id, string action, Func<AppUser, Task<string>> act, CancellationToken ct)
    {
        var (admin, user) = await Find(id, ct);
        if (admin is null || user is null)
        {
            return Outcome<string>.NotFound();
        }
        var rule = UserAdministration.MayChangeState(admin, Holder(user));
        if (!rule.Succeeded)
        {
            return Outcome<string>.Refused(rule);
        }
        var names = await areas.NamesAsync([user.AreaCode], ct);
        db.Audit(action, nameof(AppUser), user.Id, user.Id, Describe(user, names.GetValueOrDefault(user.AreaCode, user.AreaCode)));
        try
        {
            return Outcome<string>.Success(await act(user));
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<string>.Conflict(Changed);
        }
    }

    private Task<int> RevokeTokens(string userId, CancellationToken ct) => Account.ApiTokens.RevokeAllAsync(db, userId, clock.GetUtcNow(), ct);

    /// <summary>The admin and the account, when the account lies in the admin's area (otherwise, for the admin, it does not exist).</summary>
    private async Task<(Actor? Admin, AppUser? User)> Find(string id, CancellationToken ct)
    {
        if (me.Actor is not { } admin || !admin.Role.Can(Capability.ManageUsers) || string.IsNullOrEmpty(id) || id.Length > 64)
        {
            return (null, null);
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is not null && UserAdministration.Sees(admin, user.AreaCode) ? (admin, user) : (admin, null);
    }

    private async Task<UserDetail> Detail(Actor admin, AppUser u, CancellationToken ct)
    {
        var names = await areas.NamesAsync([u.AreaCode], ct);
        return new UserDetail(u.Id, u.DisplayName, u.UserName ?? "", u.PhoneNumber, u.Role, u.Role.Label(), u.AreaCode, names.GetValueOrDefault(u.AreaCode, u.AreaCode),
            u.DisabledAt is not null, u.LockoutEnd > clock.GetUtcNow(), u.MustChangePassword, u.TwoFactorEnabled, Local(u.LastSignInAt), u.ConcurrencyStamp ?? "", u.Id == admin.UserId);
    }

    private static AccountHolder Holder(AppUser u) => new(u.Id, u.Role, u.AreaCode);

    private static string Describe(AppUser u, string areaName) => $"{u.DisplayName}（{u.UserName}），{u.Role.Label()}，{areaName}";

    public static string StateLabel(AppUser u, DateTimeOffset now) =>
        u.DisabledAt is not null ? "停用"
        : u.LockoutEnd > now ? "锁定"
        : u.MustChangePassword ? "须改密码"
        : "启用";

    public static string StateLabel(AccountState state) => state switch
    {
        AccountState.Enabled => "启用",
        AccountState.Disabled => "停用",
        AccountState.LockedOut => "锁定",
        _ => "须改密码",
    };

    private static string? Local(DateTimeOffset? at) => at is { } t ? Clock.Local(t) : null;
}
