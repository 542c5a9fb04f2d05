namespace Tongxing.Web.Domain;

public enum DisabilityCategory
{
    Visual = 1,
    Hearing = 2,
    Speech = 3,
    Physical = 4,
    Intellectual = 5,
    Mental = 6,
    Multiple = 7,
}

/// <summary>
/// A second-generation disability certificate number (残疾人证号): the holder's 18-character ID number,
/// a category digit (1–7), a grade digit (1–4, 1 the most severe), and an optional reissue suffix B1–B9.
/// </summary>
public sealed record DisabilityCertificate
{
    private DisabilityCertificate(string value, string idNumber, DisabilityCategory category, int grade, int reissue)
    {
        Value = value;
        IdNumber = idNumber;
        Category = category;
        Grade = grade;
        Reissue = reissue;
    }

    public string Value { get; }
    public string IdNumber { get; }
    public DisabilityCategory Category { get; }
    public int Grade { get; }
    /// <summary>0 for the original certificate, 1–9 for a reissue (B1–B9).</summary>
    public int Reissue { get; }

    public override string ToString() => Value;

    /// <param name="input">The certificate number as typed.</param>
    /// <param name="holder">The holder's parsed ID number; the certificate must start with it.</param>
    public static Parsed<DisabilityCertificate> Parse(string? input, ResidentId holder)
    {
        var s = ResidentId.Normalize(input);
        if (s.Length is not (20 or 22))
        {
            return Parsed<DisabilityCertificate>.Fail($"残疾人证号应为20位（补发证另加B1–B9共22位），当前为{s.Length}位");
        }
        if (!string.Equals(s[..18], holder.Value, StringComparison.Ordinal))
        {
            return Parsed<DisabilityCertificate>.Fail("残疾人证号前18位应与本人身份证号码一致");
        }
        var category = s[18] - '0';
        if (category is < 1 or > 7)
        {
            return Parsed<DisabilityCertificate>.Fail($"残疾人证号第19位为残疾类别，应为1–7，当前为“{s[18]}”");
        }
        var grade = s[19] - '0';
        if (grade is < 1 or > 4)
        {
            return Parsed<DisabilityCertificate>.Fail($"残疾人证号第20位为残疾等级，应为1–4，当前为“{s[19]}”");
        }
        var reissue = 0;
        if (s.Length == 22)
        {
            if (s[20] != 'B' || s[21] is < '1' or > '9')
            {
                return Parsed<DisabilityCertificate>.Fail("残疾人证号补发标识应为B1–B9");
            }
            reissue = s[21] - '0';
        }
        return Parsed<DisabilityCertificate>.Success(new DisabilityCertificate(s, holder.Value, (DisabilityCategory)category, grade, reissue));
    }
}
