using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Account;

public sealed record CreateAdministratorCommand(string UserName, string AreaCode);

/// <summary>The account created, with the one-time password that is shown once and must be changed at first sign-in.</summary>
public sealed record CreatedAdministrator(string UserId, string UserName, string DisplayName, string AreaName, string Password);

/// <summary>Creates a 系统管理员 account at a region, city, district or town (ADR 0017) with a generated one-time password.</summary>
public sealed class CreateAdministrator(TongxingDb db, UserManager<AppUser> users)
{
    public async Task<Outcome<CreatedAdministrator>> Handle(CreateAdministratorCommand c, CancellationToken ct)
    {
        var userName = c.UserName.Trim();
        var code = c.AreaCode.Trim();
        var name = Accounts.CheckUserName(userName);
        if (!name.Succeeded)
        {
            return Outcome<CreatedAdministrator>.Refused(name);
        }
        var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        var place = Accounts.MayHoldAdministrator(area, code);
        if (!place.Succeeded)
        {
            return Outcome<CreatedAdministrator>.Refused(place);
        }
        if (await users.FindByNameAsync(userName) is not null)
        {
            return Outcome<CreatedAdministrator>.Conflict($"用户名“{userName}”已被使用");
        }
        var password = TemporaryPassword.New();
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = $"{area!.Name} {userName}",
            Role = Role.Administrator,
            AreaCode = area.Code,
            AreaLevel = area.Level,
            LockoutEnabled = true,
            MustChangePassword = true,
        };
        // Queued before the account is saved: the account and its audit entry are written in one transaction.
        db.Audit("创建系统管理员", nameof(AppUser), user.Id, details: $"用户名：{userName}；区域：{area.Name}（{area.Code}）；初始密码须在首次登录时修改");
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Outcome<CreatedAdministrator>.Invalid([.. created.Errors.Select(e => new FieldError(e.Code.Contains("Password", StringComparison.Ordinal) ? "" : "UserName", e.Description))]);
        }
        return Outcome<CreatedAdministrator>.Success(new CreatedAdministrator(user.Id, userName, user.DisplayName, area.Name, password));
    }
}
