namespace Tongxing.Web.Domain;

/// <summary>
/// How the household list finds a household by any member's name or ID number without a join (issue #6): every
/// household carries its members as <c>;name;ID;name;ID;</c>, and a search becomes one substring test on that row.
/// A whole ID matches only as a whole (<c>;ID;</c>), the last digits only at an ID's end (<c>digits;</c>), a name
/// fragment anywhere in a name (names never hold digits or the separator).
/// </summary>
public static class HouseholdSearch
{
    public const char Separator = ';';
    public const int MinTailDigits = 4;
    public const int MaxQueryLength = 30;

    public static string Keys(IEnumerable<Member> members) =>
        Separator + string.Concat(members.Select(m => $"{m.Name.Replace(Separator, ' ')}{Separator}{m.IdNumber}{Separator}"));

    /// <summary>What to look for in <see cref="Household.SearchKeys"/> for what the user typed; null when nothing to search.</summary>
    public static string? Needle(string? typed)
    {
        var q = typed?.Trim().Replace(Separator.ToString(), "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(q) || q.Length > MaxQueryLength)
        {
            return null;
        }
        var id = ResidentId.Parse(q);
        if (id.Ok)
        {
            return $"{Separator}{id.Value!.Value}{Separator}";
        }
        if (q.Length >= MinTailDigits && q.All(c => char.IsAsciiDigit(c) || c is 'x' or 'X'))
        {
            return q.ToUpperInvariant() + Separator;
        }
        return q;
    }
}
