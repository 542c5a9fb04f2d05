using Microsoft.AspNetCore.Identity;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Admin.Users;

/// <summary>One row's verdict: fine, or each reason in Chinese (with the column it concerns).</summary>
public sealed record UserImportLine(int Row, string DisplayName, string UserName, string Office, string AreaCode, string AreaName, IReadOnlyList<string> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>The check of a whole file and, when it was confirmed and every row passed, the temporary passwords (shown once).</summary>
public sealed record UserImportReport(IReadOnlyList<UserImportLine> Lines, bool Created, IReadOnlyList<IssuedPassword> Passwords)
{
    public int Failed => Lines.Count(l => !l.Ok);
}

/// <summary>
/// Creating many accounts at once (all village secretaries of a town): every row checked as the single form checks it
/// (name, user name free in the file and the database, phone, office fitting the unit, unit inside the administrator's
/// area); a dry run lists each row's verdict; a confirmed run creates all accounts in one transaction, or none.
/// </summary>
public sealed class ImportUsers(TongxingDb db, UserAccounts accounts, UserManager<AppUser> users, CurrentUser me)
{
    public const int MaxRows = 200;
    public const long MaxBytes = 1024 * 1024;

    public async Task<Outcome<UserImportReport>> Handle(IReadOnlyList<UserSheetRow> rows, bool commit, CancellationToken ct)
    {
        if (me.Actor is not { } admin || !admin.Role.Can(Capability.ManageUsers))
        {
            return Outcome<UserImportReport>.Forbidden("您的职务无权管理用户账号");
        }
        if (rows.Count == 0 || rows.Count > MaxRows)
        {
            return Outcome<UserImportReport>.Invalid([new FieldError("File", rows.Count == 0 ? "没有要导入的账号" : $"一次最多导入{MaxRows}个账号，请分批导入")]);
        }
        var lines = new List<UserImportLine>();
        var inputs = new List<(UserInput Input, Area? Area)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var office = Office(row.Office);
            var input = new UserInput { DisplayName = row.DisplayName, UserName = row.UserName, PhoneNumber = row.PhoneNumber, Role = office, AreaCode = row.AreaCode };
            var (errors, area) = await accounts.Check(input, null, ct);
            var messages = errors.Select(e => $"{Column(e.Field)}：{(e.Field == "Role" && office is null && !string.IsNullOrEmpty(row.Office) ? $"“{row.Office}”不是系统中的职务，应填写：{string.Join("、", Roles.All.Select(r => r.Label()))}" : e.Message)}").ToList();
            if (!string.IsNullOrEmpty(row.UserName) && !seen.Add(row.UserName))
            {
                messages.Add($"用户名：“{row.UserName}”在本文件中重复");
            }
            if (errors.Count == 0)
            {
                var rule = UserAdministration.MayCreate(admin, office!.Value, area!);
                messages.AddRange(rule.Errors.Select(e => $"{Column(e.Field)}：{e.Message}"));
            }
            lines.Add(new UserImportLine(row.Row, row.DisplayName ?? "", row.UserName ?? "", office?.Label() ?? row.Office ?? "", row.AreaCode ?? "", area?.Name ?? "", messages));
            inputs.Add((input, area));
        }
        if (!commit || lines.Any(l => !l.Ok))
        {
            return commit
                ? new Outcome<UserImportReport>(OutcomeStatus.Invalid, new UserImportReport(lines, false, []), [new FieldError("File", "有行未通过检查，未创建任何账号")])
                : Outcome<UserImportReport>.Success(new UserImportReport(lines, false, []));
        }
        // Passwords hashed before the transaction opens (the slow part); inside it, only the inserts.
        var prepared = inputs.Select(x =>
        {
            var password = UserAdministration.TemporaryPassword();
            return (User: UserAccounts.Prepare(users, x.Input, x.Area!, password, mustChange: true), AreaName: x.Area!.Name, Password: password);
        }).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (user, areaName, _) in prepared)
        {
            if (await UserAccounts.Insert(db, users, user, areaName, ct) is not null)
            {
                // Another administrator took a user name since the check: nothing of this file stays.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return Outcome<UserImportReport>.Conflict($"用户名“{user.UserName}”刚被他人使用，未创建任何账号，请重新检查后再导入");
            }
        }
        await tx.CommitAsync(ct);
        var passwords = prepared.Select(p => new IssuedPassword(p.User.Id, p.User.UserName!, p.User.DisplayName, p.Password)).ToList();
        return Outcome<UserImportReport>.Success(new UserImportReport(lines, true, passwords));
    }

    /// <summary>The office as the template's 职务 column names it: its Chinese name (区残联, 村党支部…), or the system's key.</summary>
    public static Role? Office(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Roles.All.FirstOrDefault(r => r.Label() == text.Trim()) is var byLabel && byLabel != default ? byLabel
        : Enum.TryParse<Role>(text.Trim(), ignoreCase: true, out var byKey) && Enum.IsDefined(byKey) && !int.TryParse(text, out _) ? byKey
        : null;

    private static string Column(string field) => field switch
    {
        "DisplayName" => "姓名",
        "UserName" => "用户名",
        "PhoneNumber" => "手机号",
        "Role" => "职务",
        "AreaCode" => "区划代码",
        _ => "本行",
    };
}
