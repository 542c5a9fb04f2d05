namespace Tongxing.Web.Domain;

/// <summary>
/// The disabled person a household's forms name (附件1, 附件2): the head when the head holds a disability, otherwise the
/// first member who does (by relation to the head, then the eldest). Whose certificate it is is said when it is not the
/// head's: "45020619730818087521（潘国明，配偶）", the way 附件1 writes it and its import reads it back.
/// </summary>
public static class DisabledPerson
{
    public static Member? Of(IEnumerable<Member> members)
    {
        var all = members as IReadOnlyCollection<Member> ?? members.ToList();
        return all.FirstOrDefault(m => m.Relation == Relation.Head && m.DisabilityCategory is not null)
            ?? all.Where(m => m.DisabilityCategory is not null).OrderBy(m => m.Relation).ThenBy(m => m.BirthDate).FirstOrDefault();
    }

    /// <summary>A value of <paramref name="holder"/>'s as a head's form shows it: named, unless the holder is the head.</summary>
    public static string? Whose(string? value, Member? holder) =>
        holder is null || value is null || holder.Relation == Relation.Head ? value : $"{value}（{holder.Name}，{Labels.Of(holder.Relation)}）";

    /// <summary>
    /// A 附件1 certificate cell naming a member other than the head ("证号（姓名，关系）"): who holds it, as written; null
    /// for a plain certificate number, or one that is the head's own (it begins with the head's ID number).
    /// </summary>
    public static string? HolderNamedIn(string? cell, string? headIdNumber)
    {
        var (number, holder) = Split(cell);
        return holder is { Length: > 0 } && !(headIdNumber is { Length: >= 15 } head && number.StartsWith(head.Trim(), StringComparison.OrdinalIgnoreCase))
            ? holder
            : null;
    }

    /// <summary>The certificate number of a 附件1 cell without the holder written after it.</summary>
    public static string? NumberIn(string? cell) => cell is null ? null : Split(cell).Number;

    private static (string Number, string? Holder) Split(string? cell)
    {
        var text = (cell ?? "").Trim();
        var open = text.IndexOfAny(['（', '(']);
        return open > 0 && text[^1] is '）' or ')' ? (text[..open].Trim(), text[(open + 1)..^1].Trim()) : (text, null);
    }
}
