namespace Tongxing.Web.Domain;

/// <summary>
/// A household's account for the subsidy (惠民惠农财政补贴资金“一卡通” or a bank card): the holder's name, the number and
/// the bank. Personal data: shown masked (<see cref="Mask"/>) to everyone who does not pay the household.
/// </summary>
public sealed record BankAccount(string Name, string Number, string Bank)
{
    public const int MinDigits = 10;
    public const int MaxDigits = 30;
    public const int MaxNameLength = 30;
    public const int MaxBankLength = 50;

    /// <summary>Checks what was typed: the number loses spaces and dashes and must then be 10–30 digits.</summary>
    public static (BankAccount? Account, Result Result) Check(string? name, string? number, string? bank)
    {
        var errors = new List<FieldError>();
        var n = PlainText.Clean(name) ?? "";
        var b = PlainText.Clean(bank) ?? "";
        var digits = new string((number ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (n.Length == 0)
        {
            errors.Add(new("BankAccountName", "请填写户名（开户人姓名）"));
        }
        else if (n.Length > MaxNameLength || PlainText.HasInvisible(n))
        {
            errors.Add(new("BankAccountName", $"户名不能超过{MaxNameLength}个字，且不能含有不可见字符"));
        }
        if (digits.Length == 0)
        {
            errors.Add(new("BankAccountNumber", "请填写银行账号（一卡通或银行卡号）"));
        }
        else if (!digits.All(char.IsAsciiDigit) || digits.Length < MinDigits || digits.Length > MaxDigits)
        {
            errors.Add(new("BankAccountNumber", $"银行账号应为{MinDigits}至{MaxDigits}位数字"));
        }
        if (b.Length == 0)
        {
            errors.Add(new("BankName", "请填写开户银行"));
        }
        else if (b.Length > MaxBankLength || PlainText.HasInvisible(b))
        {
            errors.Add(new("BankName", $"开户银行不能超过{MaxBankLength}个字，且不能含有不可见字符"));
        }
        return errors.Count == 0 ? (new BankAccount(n, digits, b), Result.Ok) : (null, Result.Refused(errors));
    }

    /// <summary>First 4 and last 4 digits, the rest hidden: 6217********1234.</summary>
    public static string Mask(string? number) => ResidentId.Mask(number, 4, 4);
}
