namespace Tongxing.Web.Domain;

/// <summary>
/// The helper register's rules that need no database: what a helper's details must be, and who may open a helper's
/// account. A village branch or town committee (<see cref="Capability.ManageHelpers"/>) is not an administrator: it
/// may create ONLY a 党员帮扶人 (<see cref="Role.Helper"/>) account, and only in a village of its own area.
/// </summary>
public static class HelperRules
{
    public const string NotAllowed = "帮扶人登记由村（社区）党组织或镇党委办理";

    /// <summary>May <paramref name="who"/> create an account with office <paramref name="office"/> in unit <paramref name="area"/> for a helper?</summary>
    public static Result MayCreateAccount(Actor who, Role office, Area area)
    {
        if (!who.Role.Can(Capability.ManageHelpers))
        {
            return Result.NotAllowed(NotAllowed);
        }
        if (office != Role.Helper)
        {
            return Result.NotAllowed("村、镇只能为帮扶人开通“党员帮扶人”账号，其他账号请由系统管理员设立", "Role");
        }
        if (area.Level != AreaLevel.Village || area.IsRetired)
        {
            return Result.Refused("帮扶人账号应设在帮扶人所在的村（社区）", "AreaCode");
        }
        if (area.Code.Length != who.Scope.Code.Length || !area.Code.StartsWith(who.Scope.CodePrefix, StringComparison.Ordinal))
        {
            return Result.NotAllowed("只能为本辖区内的村（社区）开通帮扶人账号", "AreaCode");
        }
        return Result.Ok;
    }

    /// <summary>Checks what was typed for a helper; each problem at its own field.</summary>
    public static (HelperDetails? Details, Result Result) Check(string? name, string? gender, string? phone, string? partyBranch, string? workUnit, string? post,
        string? kind, string? skills)
    {
        var errors = new List<FieldError>();
        string? Text(string? value, string field, string what, int max, bool required)
        {
            var v = PlainText.Clean(value)?.Trim();
            if (string.IsNullOrEmpty(v))
            {
                if (required)
                {
                    errors.Add(new FieldError(field, $"请填写{what}"));
                }
                return null;
            }
            if (v.Length > max)
            {
                errors.Add(new FieldError(field, $"{what}不能超过{max}个字"));
            }
            else if (PlainText.HasInvisible(v))
            {
                errors.Add(new FieldError(field, $"{what}含有不可见的控制字符或无法识别的字符，请重新输入"));
            }
            else if (v[0] is '=' or '+' or '-' or '@')
            {
                errors.Add(new FieldError(field, $"{what}不能以 = + - @ 开头"));
            }
            return v;
        }
        var n = Text(name, "Name", "姓名", Helper.MaxNameLength, true);
        var g = gender switch
        {
            "Male" or "1" or "男" => Gender.Male,
            "Female" or "2" or "女" => Gender.Female,
            _ => (Gender?)null,
        };
        if (g is null)
        {
            errors.Add(new FieldError("Gender", "请选择性别"));
        }
        var p = phone?.Trim();
        if (string.IsNullOrEmpty(p))
        {
            errors.Add(new FieldError("Phone", "请填写手机号"));
        }
        else if (UserAdministration.CheckPhone(p) is { } bad)
        {
            errors.Add(new FieldError("Phone", bad));
        }
        var branch = Text(partyBranch, "PartyBranch", "所在党支部", Helper.MaxBranchLength, true);
        var unit = Text(workUnit, "WorkUnit", "工作单位", Helper.MaxUnitLength, false);
        var job = Text(post, "Post", "职务", Helper.MaxPostLength, false);
        HelperKind? k = kind is { Length: > 0 and <= 20 } && !kind.Contains(',', StringComparison.Ordinal) && Enum.TryParse<HelperKind>(kind, true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed : null;
        if (k is null)
        {
            errors.Add(new FieldError("Kind", "请选择帮扶人类别（致富带头人、技术能手、科技特派员或行业协会成员）"));
        }
        var s = Text(skills, "Skills", "特长", Helper.MaxSkillsLength, false);
        return errors.Count > 0
            ? (null, Result.Refused(errors))
            : (new HelperDetails(n!, g!.Value, p!, branch!, unit, job, k!.Value, s), Result.Ok);
    }

    /// <summary>A user name to offer for a new helper account: "bf" and the phone number (typed on a phone, unique in practice).</summary>
    public static string SuggestUserName(string phone) => "bf" + phone;
}
