namespace Tongxing.Web.Domain;

/// <summary>What the user typed into the list's search box, understood.</summary>
public enum SearchKind
{
    /// <summary>A name or part of one: a substring test on <see cref="Household.SearchKeys"/>.</summary>
    Name,
    /// <summary>A whole ID number (15 or 18 characters), normalised to 18: equality on the members' indexed ID.</summary>
    WholeId,
    /// <summary>The last digits of an ID number: a range on the members' indexed reversed ID.</summary>
    IdTail,
}

/// <summary>A search of the household list: <see cref="Value"/> is the name fragment, the 18-character ID, or the tail digits.</summary>
public sealed record SearchTerm(SearchKind Kind, string Value)
{
    /// <summary>For <see cref="SearchKind.IdTail"/>: reversed IDs from this (inclusive)…</summary>
    public string ReversedFrom => HouseholdSearch.Reverse(Value);

    /// <summary>…to this (exclusive) end in <see cref="Value"/>: the tail reversed is a prefix, and a prefix is a range.</summary>
    public string ReversedBefore => ReversedFrom[..^1] + (char)(ReversedFrom[^1] + 1);
}

/// <summary>
/// How the household list finds a household by any member's name or ID number without scanning the area (issue #6).
/// Names: every household carries its members as <c>;name;ID;…;</c> (<see cref="Keys"/>), and a name search is one
/// substring test on that row, inside the area's index. IDs: each member also keeps its ID number reversed
/// (<see cref="Reverse"/>), indexed, so the last digits of an ID — what officials read off a certificate — become a
/// prefix of the reversed number, that is an index range (ordinal order: digits and X only), found without reading the
/// area's households at all. A whole ID is an equality on the indexed ID.
/// </summary>
public static class HouseholdSearch
{
    public const char Separator = ';';
    public const int MinTailDigits = 4;
    public const int MaxQueryLength = 30;

    public static string Keys(IEnumerable<Member> members) =>
        Separator + string.Concat(members.Select(m => $"{m.Name.Replace(Separator, ' ')}{Separator}{m.IdNumber}{Separator}"));

    public static string Reverse(string idNumber) => string.Create(idNumber.Length, idNumber, (span, s) =>
    {
        for (var i = 0; i < s.Length; i++)
        {
            span[i] = s[s.Length - 1 - i];
        }
    });

    /// <summary>
    /// Why a search is not allowed to a viewer who sees ID numbers masked, or null. Found or not found, a search by a
    /// whole number or by more than the last 4 digits answers whether a guessed birth date is right: asked often enough,
    /// it restores the number the mask hides. Such viewers search by name or by the last 4 digits they see.
    /// </summary>
    public static string? RefusalForMaskedViewer(SearchTerm? term) =>
        // A "name" with digits in it can only match the numbers kept beside the names.
        term is { Kind: SearchKind.WholeId } or { Kind: SearchKind.IdTail, Value.Length: > MinTailDigits }
            || (term is { Kind: SearchKind.Name } && term.Value.Any(char.IsAsciiDigit))
            ? $"您的岗位看到的身份证号为脱敏号码，只能按姓名或身份证号后{MinTailDigits}位查询"
            : null;

    /// <summary>
    /// Why a search is not made, or null: the masked viewer's limits (<see cref="RefusalForMaskedViewer"/>), and for
    /// everyone digits too few to be an ID's tail ("313"): as a name they would match anywhere in any member's number —
    /// a birth date's digits — and the list would look random.
    /// </summary>
    public static string? Refusal(SearchTerm? term, bool fullPersonalData) =>
        !fullPersonalData && RefusalForMaskedViewer(term) is { } masked ? masked
        : term is { Kind: SearchKind.Name } && term.Value.Any(char.IsAsciiDigit)
            ? $"按身份证号查询请输入完整号码或后{MinTailDigits}位以上数字；按姓名查询请只输入姓名"
            : null;

    /// <summary>What the user typed as a search; null when there is nothing to search.</summary>
    public static SearchTerm? Parse(string? typed)
    {
        var q = typed?.Trim().Replace(Separator.ToString(), "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(q) || q.Length > MaxQueryLength)
        {
            return null;
        }
        var id = ResidentId.Parse(q);
        if (id.Ok)
        {
            return new SearchTerm(SearchKind.WholeId, id.Value!.Value);
        }
        if (q.Length is >= MinTailDigits and < 18 && q.All(c => char.IsAsciiDigit(c) || c is 'x' or 'X') && !q[..^1].Any(c => c is 'x' or 'X'))
        {
            return new SearchTerm(SearchKind.IdTail, q.ToUpperInvariant());
        }
        return new SearchTerm(SearchKind.Name, q);
    }
}
