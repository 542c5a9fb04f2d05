using System.Globalization;

namespace Tongxing.Web.Domain;

public enum Gender
{
    Male = 1,
    Female = 2,
}

/// <summary>
/// An 18-character resident identity number (GB 11643-1999): address code, birth date, sequence
/// (odd = male), check character. Legacy 15-digit numbers are accepted and converted on parsing.
/// </summary>
public sealed record ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    private ResidentId(string value, DateOnly birthDate, Gender gender)
    {
        Value = value;
        BirthDate = birthDate;
        Gender = gender;
    }

    /// <summary>The normalised 18-character number (upper-case X).</summary>
    public string Value { get; }
    public DateOnly BirthDate { get; }
    public Gender Gender { get; }
    public string AddressCode => Value[..6];
    public bool WasConvertedFromLegacy { get; private init; }

    public override string ToString() => Value;

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckChars[sum % 11];
    }

    /// <summary>Strips spaces (officials often type numbers in groups) and upper-cases the X.</summary>
    internal static string Normalize(string? input) =>
        (input ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u3000", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    public static Parsed<ResidentId> Parse(string? input)
    {
        var s = Normalize(input);
        if (s.Length == 0)
        {
            return Parsed<ResidentId>.Fail("请填写身份证号码");
        }
        var legacy = false;
        if (s.Length == 15)
        {
            if (!s.All(char.IsAsciiDigit))
            {
                return Parsed<ResidentId>.Fail("15位身份证号码只能由数字组成");
            }
            var first17 = string.Concat(s.AsSpan(0, 6), "19", s.AsSpan(6, 9));
            s = first17 + CheckCharacter(first17);
            legacy = true;
        }
        if (s.Length != 18)
        {
            return Parsed<ResidentId>.Fail($"身份证号码应为18位（或旧版15位），当前为{s.Length}位");
        }
        if (!s.AsSpan(0, 17).ToArray().All(char.IsAsciiDigit) || !(char.IsAsciiDigit(s[17]) || s[17] == 'X'))
        {
            return Parsed<ResidentId>.Fail("身份证号码前17位应为数字，最后一位为数字或X");
        }
        if (!DateOnly.TryParseExact(s.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1800)
        {
            return Parsed<ResidentId>.Fail($"身份证号码中的出生日期“{s.Substring(6, 8)}”不是有效日期");
        }
        if (!legacy && CheckCharacter(s.AsSpan(0, 17)) != s[17])
        {
            return Parsed<ResidentId>.Fail("身份证号码校验位不正确，请核对是否有输错的数字");
        }
        var gender = (s[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
        return Parsed<ResidentId>.Success(new ResidentId(s, birth, gender) { WasConvertedFromLegacy = legacy });
    }

    /// <summary>Full years of age on a date; someone born on 29 February turns a year older on 1 March in common years.</summary>
    public int AgeOn(DateOnly date) => Ages.CompletedYears(BirthDate, date);

    /// <summary>Masks the middle of the number for lists and public views, keeping <paramref name="keepStart"/> and <paramref name="keepEnd"/> characters.</summary>
    public static string Mask(string? number, int keepStart = 6, int keepEnd = 4)
    {
        if (string.IsNullOrEmpty(number))
        {
            return string.Empty;
        }
        if (number.Length <= keepStart + keepEnd)
        {
            return new string('*', number.Length);
        }
        return string.Concat(number.AsSpan(0, keepStart), new string('*', number.Length - keepStart - keepEnd), number.AsSpan(number.Length - keepEnd));
    }
}

public static class Ages
{
    /// <summary>Completed years between a birth date and a date (the birthday itself counts as completed).</summary>
    public static int CompletedYears(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        if (on.Month < birth.Month || (on.Month == birth.Month && on.Day < birth.Day))
        {
            age--;
        }
        return age;
    }
}
