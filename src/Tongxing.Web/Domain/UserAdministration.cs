using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Tongxing.Web.Domain;

/// <summary>An account as the delegation rule sees it: whose it is, which office, which unit.</summary>
public sealed record AccountHolder(string UserId, Role Role, string AreaCode);

/// <summary>
/// Who may administer whose account (ADR 0017): an administrator acts only inside its own area (by the division code's
/// prefix; its own unit included), gives only an office that fits the unit's level, never touches an account outside
/// its area, and never changes its own account's office, area or state. Pure: the accounts and the unit come in.
/// </summary>
public static partial class UserAdministration
{
    public const string OutsideArea = "只能在本人管辖区域（含下级）内设置账号，不能设置上级或其他地区的账号";
    public const string OwnAccount = "不能更改本人账号的职务、区域或状态，请由上级管理员办理";
    public const string PeerAdministrator = "同级系统管理员的账号只能由上级管理员设立和管理";

    /// <summary>May <paramref name="admin"/> give office <paramref name="office"/> in unit <paramref name="area"/> to a new account?</summary>
    public static Result MayCreate(Actor admin, Role office, Area area)
    {
        if (!admin.Role.Can(Capability.ManageUsers))
        {
            return Result.NotAllowed("您的职务无权管理用户账号");
        }
        return MayPlace(admin, office, area);
    }

    /// <summary>
    /// May <paramref name="admin"/> change <paramref name="user"/> to office <paramref name="office"/> in unit
    /// <paramref name="area"/>? Unchanged office and area are allowed for the admin's own account (its name and phone).
    /// </summary>
    public static Result MayChange(Actor admin, AccountHolder user, Role office, Area area)
    {
        var act = MayAct(admin, user, ownAllowed: true);
        if (!act.Succeeded)
        {
            return act;
        }
        if (user.UserId == admin.UserId && (office != user.Role || area.Code != user.AreaCode))
        {
            return Result.NotAllowed(OwnAccount);
        }
        return office == user.Role && area.Code == user.AreaCode ? Result.Ok : MayPlace(admin, office, area);
    }

    /// <summary>May <paramref name="admin"/> disable, re-enable, reset the password or two-step sign-in of, or unlock <paramref name="user"/>?</summary>
    public static Result MayChangeState(Actor admin, AccountHolder user) => MayAct(admin, user, ownAllowed: false);

    /// <summary>Whether the account lies inside the admin's area: an account outside it is, for the admin, not there at all.</summary>
    public static bool Sees(Actor admin, string areaCode) => Inside(admin.Scope, areaCode);

    private static Result MayAct(Actor admin, AccountHolder user, bool ownAllowed)
    {
        if (!admin.Role.Can(Capability.ManageUsers))
        {
            return Result.NotAllowed("您的职务无权管理用户账号");
        }
        if (!Inside(admin.Scope, user.AreaCode))
        {
            return Result.NotAllowed(OutsideArea);
        }
        if (user.Role == Role.Administrator && user.AreaCode == admin.Scope.Code && user.UserId != admin.UserId)
        {
            // A peer could otherwise reset the other's password and two-step sign-in and take the account over.
            return Result.NotAllowed(PeerAdministrator);
        }
        return !ownAllowed && user.UserId == admin.UserId ? Result.NotAllowed(OwnAccount) : Result.Ok;
    }

    private static Result MayPlace(Actor admin, Role office, Area area)
    {
        if (!Inside(admin.Scope, area.Code))
        {
            return Result.NotAllowed(OutsideArea, "AreaCode");
        }
        if (office == Role.Administrator && area.Code == admin.Scope.Code)
        {
            return Result.NotAllowed(PeerAdministrator, "Role");
        }
        return Misfit(office, area) is { } misfit ? Result.Refused(misfit, "Role") : Result.Ok;
    }

    /// <summary>Why the office cannot sit at this unit's level (and where it belongs), or null when it fits.</summary>
    public static string? Misfit(Role office, Area area) =>
        office.MayHoldAt(area.Level) ? null : $"“{office.Label()}”不能设在{Area.LevelLabel(area.Level)}一级（{area.Name}），应设在{LevelsOf(office)}";

    private static string LevelsOf(Role office) =>
        string.Join("、", Enum.GetValues<AreaLevel>().Where(l => office.MayHoldAt(l)).Select(Area.LevelLabel)) + "一级";

    private static bool Inside(AreaScope scope, string areaCode) =>
        areaCode.Length == scope.Code.Length && areaCode.StartsWith(scope.CodePrefix, StringComparison.Ordinal);

    /// <summary>A mainland mobile number: 11 digits starting with 1; empty is allowed (none given).</summary>
    public static string? CheckPhone(string? phone) =>
        string.IsNullOrEmpty(phone) || MobilePattern().IsMatch(phone) ? null : "手机号应为11位数字，以1开头";

    /// <summary>User names are typed on phones: letters, digits, dot, underscore and hyphen, 3 to 40 characters.</summary>
    public static string? CheckUserName(string? userName) =>
        string.IsNullOrEmpty(userName) ? "请填写用户名"
        : UserNamePattern().IsMatch(userName) ? null
        : "用户名只能由3至40位英文字母、数字、点、下划线或连字符组成，如 luoman.cun";

    public static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "请填写姓名" : name.Trim().Length > 50 ? "姓名不能超过50个字"
        : PlainText.HasInvisible(name) ? "姓名含有不可见的控制字符或无法识别的字符，请重新输入" : null;

    /// <summary>Shows the last four digits of a phone number only (*******1234).</summary>
    public static string MaskPhone(string? phone) =>
        string.IsNullOrEmpty(phone) ? "" : phone.Length <= 4 ? phone : new string('*', phone.Length - 4) + phone[^4..];

    /// <summary>
    /// A temporary password that meets the sign-in policy (upper, lower, digit, symbol, 12 characters), without characters
    /// that read alike on paper (0/O, 1/l/I).
    /// </summary>
    public static string TemporaryPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", symbols = "@#%+=?";
        const string all = upper + lower + digits + symbols;
        var chars = new List<char>
        {
            upper[RandomNumberGenerator.GetInt32(upper.Length)],
            lower[RandomNumberGenerator.GetInt32(lower.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)],
            symbols[RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 12)
        {
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }
        var shuffled = chars.ToArray();
        RandomNumberGenerator.Shuffle(shuffled.AsSpan());
        return new string(shuffled);
    }

    [GeneratedRegex("^1[0-9]{10}$")]
    private static partial Regex MobilePattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{3,40}$")]
    private static partial Regex UserNamePattern();
}
