using System.Text.RegularExpressions;

namespace Tongxing.Web.Domain;

/// <summary>
/// What a viewer who sees ID numbers masked may be shown of recorded text (audit entries, history comments, objections):
/// nothing that restores the number. A masked number (450221********3313) hides exactly the birth date, so the birth
/// date, the number written backwards (the search column), the certificate number (the ID and two digits), and the
/// recorded values of those fields are all hidden too; so are phone numbers and disability category and grade.
/// </summary>
public static partial class PersonalData
{
    public const string Hidden = "[已隐藏]";

    /// <summary>Why free text that others read (publicity, reports, findings, minutes) may not hold a long number.</summary>
    public const string NoNumbersInText = "请勿在文字中填写身份证号、残疾证号、银行账号等个人号码";

    /// <summary>
    /// Whether free text holds a number that identifies a person: 15 or more digits in a row, or 17 and an X (an ID
    /// number, old or new; a disability certificate; a bank account). Such text is read by offices that see numbers
    /// masked and is printed in exports, so it is refused where it is typed. Phone numbers (11 digits) pass. Digits split
    /// by spaces, hyphens, underscores, dots, slashes or middle dots (4502 2119 8206…, 450.206.1972…) count as one number:
    /// the split hides nothing from a reader. (Commas and words still part numbers: a list of amounts or two dates.)
    /// </summary>
    public static bool HoldsPersonalNumber(string text) => PersonalNumber().IsMatch(text);

    [GeneratedRegex(@"\d(?:[\s\-_./·・]{0,2}\d){14,}|\d(?:[\s\-_./·・]{0,2}\d){16}[\s\-_./·・]{0,2}[Xx]")]
    private static partial Regex PersonalNumber();

    /// <summary>Recorded fields (audit JSON) that hold a person's number, birth date, phone or disability: their values are hidden.</summary>
    private static readonly string[] HiddenFields =
    [
        nameof(Member.IdNumber), nameof(Member.IdNumberReversed), nameof(Member.BirthDate), nameof(Member.CertificateNumber),
        nameof(Member.Phone), nameof(Member.DisabilityCategory), nameof(Member.DisabilityGrade),
        nameof(Household.HeadIdNumber), nameof(Household.SearchKeys),
    ];

    [GeneratedRegex(@"""(?<key>IdNumber|IdNumberReversed|BirthDate|CertificateNumber|Phone|DisabilityCategory|DisabilityGrade|HeadIdNumber|SearchKeys)""\s*:\s*(?<value>""(?:[^""\\]|\\.)*""|\[[^\]]*\]|-?\d+|null)")]
    private static partial Regex HiddenField();

    /// <summary>Any run of 15 or more digits (an X may end or, written backwards, begin it): an ID, a certificate, a reversed ID.</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z])[Xx]?[0-9]{14,}[0-9Xx]?(?![0-9A-Za-z])")]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")]
    private static partial Regex MobileNumber();

    public static IReadOnlyList<string> Fields => HiddenFields;

    /// <summary>
    /// The text as a masked viewer may see it. Valid ID numbers keep what the masked list shows (first 6, last 4); any
    /// other long number is starred whole; mobile numbers keep 3 + 4; the birth dates given are hidden in every written form.
    /// </summary>
    public static string? Redact(string? text, IEnumerable<DateOnly>? birthDates = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        var result = HiddenField().Replace(text, m => $"\"{m.Groups["key"].Value}\":\"{Hidden}\"");
        result = LongNumber().Replace(result, m => ResidentId.Parse(m.Value).Ok && m.Value.Length == 18
            ? ResidentId.Mask(m.Value)
            : new string('*', m.Value.Length));
        result = MobileNumber().Replace(result, m => ResidentId.Mask(m.Value, 3, 4));
        result = WithoutAges(result);
        foreach (var birth in birthDates ?? [])
        {
            foreach (var written in Written(birth))
            {
                result = result.Replace(written, Hidden, StringComparison.Ordinal);
            }
        }
        return result;
    }

    /// <summary>The ways a date is written in the system's texts.</summary>
    private static IEnumerable<string> Written(DateOnly d)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        yield return d.ToString("yyyy-MM-dd", c);
        yield return d.ToString("yyyy年M月d日", c);
        yield return d.ToString("yyyy年MM月dd日", c);
        yield return d.ToString("yyyy/M/d", c);
        yield return d.ToString("yyyy.M.d", c);
        yield return d.ToString("yyyyMMdd", c);
    }

    /// <summary>
    /// Screening texts state a person's age on the reference date ("2020年4月2日时64周岁，超过…上限59周岁"); with the ID's
    /// visible digits an exact age narrows the birth date, so a masked viewer reads only the verdict part.
    /// </summary>
    public static string WithoutAges(string text) => AgeStatement().Replace(text, string.Empty);

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}年\d{1,2}月\d{1,2}日时\d{1,3}周岁，")]
    private static partial System.Text.RegularExpressions.Regex AgeStatement();
}
