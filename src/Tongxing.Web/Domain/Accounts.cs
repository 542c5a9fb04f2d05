namespace Tongxing.Web.Domain;

/// <summary>The rules of a person's own account: where an administrator may sit, what a new password must satisfy beyond Identity's rules.</summary>
public static class Accounts
{
    public const int MaxUserName = 50;
    public const int MaxPassword = 128;

    /// <summary>Whether an administrator account may be created in this unit (null: no such unit).</summary>
    public static Result MayHoldAdministrator(Area? area, string code)
    {
        if (area is null)
        {
            return Result.Refused($"区划代码“{code}”不存在，请先导入行政区划", "AreaCode");
        }
        return Role.Administrator.MayHoldAt(area.Level)
            ? Result.Ok
            : Result.Refused($"系统管理员只能设在自治区、市、县（区）或乡镇一级，“{area.Name}”是{Area.LevelLabel(area.Level)}一级", "AreaCode");
    }

    /// <summary>A user name an administrator's command may create: the characters Identity accepts, at most 50.</summary>
    public static Result CheckUserName(string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            return Result.Refused("请填写用户名", "UserName");
        }
        if (userName.Length > MaxUserName || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return Result.Refused("用户名只能包含字母、数字和 . _ -，不超过50个字符", "UserName");
        }
        return Result.Ok;
    }

    /// <summary>
    /// A change of one's own password, before Identity checks its strength: every field filled, the new one typed the same
    /// twice and different from the current one (a password someone else set must really be replaced).
    /// </summary>
    public static Result CheckPasswordChange(string? current, string? next, string? confirm)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(current))
        {
            errors.Add(new FieldError("CurrentPassword", "请填写原密码"));
        }
        if (string.IsNullOrEmpty(next))
        {
            errors.Add(new FieldError("NewPassword", "请填写新密码"));
        }
        else if (next.Length > MaxPassword)
        {
            errors.Add(new FieldError("NewPassword", $"密码不超过{MaxPassword}个字符"));
        }
        else if (next == current)
        {
            errors.Add(new FieldError("NewPassword", "新密码不能与原密码相同"));
        }
        if (!string.IsNullOrEmpty(next) && next != confirm)
        {
            errors.Add(new FieldError("ConfirmPassword", "两次输入的新密码不一致"));
        }
        return errors.Count == 0 ? Result.Ok : Result.Refused(errors);
    }
}
