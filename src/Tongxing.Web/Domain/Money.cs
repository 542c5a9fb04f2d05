using System.Globalization;

namespace Tongxing.Web.Domain;

/// <summary>An amount of yuan held as whole fen; never a floating-point number.</summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    public static Money Zero => new(0);
    public static Money FromYuan(long yuan) => new(checked(yuan * 100));

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));
    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));
    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;
    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;
    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;
    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;
    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>"1,000.00" style yuan, for people.</summary>
    public string ToYuanString() => (Fen / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);
    public override string ToString() => ToYuanString() + "元";

    /// <summary>Parses a yuan amount as typed (at most two decimals, thousands separators and a trailing 元 allowed).</summary>
    public static Parsed<Money> ParseYuan(string? input, bool allowNegative = false)
    {
        // Digits, point and sign as a Chinese input method may type them (full width) read as the ASCII ones.
        var s = new string((input ?? string.Empty).Trim().Select(ch => ch is >= '０' and <= '９' or '．' or '－' or '＋' ? (char)(ch - 0xFEE0) : ch).ToArray())
            .Replace(",", string.Empty, StringComparison.Ordinal).Replace("，", string.Empty, StringComparison.Ordinal);
        if (s.EndsWith('元'))
        {
            s = s[..^1].Trim();
        }
        if (s.Length == 0)
        {
            return Parsed<Money>.Fail("请填写金额");
        }
        if (!decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan))
        {
            return Parsed<Money>.Fail($"“{input}”不是有效的金额，请填写数字（单位：元）");
        }
        if (yuan < 0 && !allowNegative)
        {
            return Parsed<Money>.Fail("金额不能为负数");
        }
        if (decimal.Round(yuan, 2) != yuan)
        {
            return Parsed<Money>.Fail("金额最多保留两位小数（精确到分）");
        }
        if (Math.Abs(yuan) > 100_000_000m)
        {
            return Parsed<Money>.Fail("金额超出合理范围");
        }
        return Parsed<Money>.Success(new Money((long)(yuan * 100)));
    }

    /// <summary>
    /// Splits this amount by shares in basis points (summing to 10,000). Each part is rounded down to the fen;
    /// the fen left over go one each to the parts in the order given, so the parts always add up to the whole.
    /// </summary>
    public IReadOnlyList<Money> Split(IReadOnlyList<int> basisPoints)
    {
        if (basisPoints.Sum() != 10_000)
        {
            throw new ArgumentException("shares must add up to 10000 basis points", nameof(basisPoints));
        }
        var whole = Fen;
        var parts = basisPoints.Select(bp => whole * bp / 10_000).ToArray();
        var left = Fen - parts.Sum();
        for (var i = 0; left > 0; i = (i + 1) % parts.Length, left--)
        {
            parts[i]++;
        }
        return parts.Select(p => new Money(p)).ToArray();
    }
}
