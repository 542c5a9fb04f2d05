namespace Tongxing.Web.Domain;

/// <summary>Free text (comments, reasons, objections) is stored as typed minus invisible control characters, which some databases refuse.</summary>
public static class PlainText
{
    /// <summary>
    /// Whether a name holds a character no one types: a control or formatting character (a right-to-left override), a
    /// line or paragraph separator, a private-use character, the replacement character (or half of a surrogate pair)
    /// a wrong text encoding leaves behind, or a Unicode noncharacter (U+FFFE, U+FFFF, U+FDD0–U+FDEF, which XML and so
    /// every .docx and .xlsx refuse). A rare character outside the basic plane (𠮷) is a name's right.
    /// </summary>
    public static bool HasInvisible(string s) =>
        s.EnumerateRunes().Any(r => r == System.Text.Rune.ReplacementChar || System.Text.Rune.IsControl(r) || IsNonCharacter(r)
            || System.Text.Rune.GetUnicodeCategory(r) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator
                or System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.PrivateUse);

    private static bool IsNonCharacter(System.Text.Rune r) => (r.Value & 0xFFFE) == 0xFFFE || r.Value is >= 0xFDD0 and <= 0xFDEF;

    public static string? Clean(string? s) =>
        s is null ? null : new string(s.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t').ToArray()).Trim();

    /// <summary>
    /// An uploaded file's name as it is kept and offered for download: its last segment, cleaned, within
    /// <paramref name="maxLength"/>, and with the extension of what is served (<paramref name="extension"/>), so that
    /// "总结.html" holding a PDF is saved as "总结.pdf", never opened as a web page from the disk; otherwise the fallback.
    /// </summary>
    public static string FileName(string? uploaded, string fallback, string extension, int maxLength)
    {
        var name = Clean(Path.GetFileName(uploaded ?? "")) ?? "";
        if (name.Length == 0 || HasInvisible(name))
        {
            return fallback + extension;
        }
        var own = Path.GetExtension(name);
        var same = own.Equals(extension, StringComparison.OrdinalIgnoreCase)
            || (extension == ".jpg" && own.Equals(".jpeg", StringComparison.OrdinalIgnoreCase));
        if (!same)
        {
            var stem = Path.GetFileNameWithoutExtension(name).TrimEnd('.', ' ');
            name = stem.Length == 0 ? fallback + extension : stem + extension;
        }
        return name.Length <= maxLength ? name : fallback + extension;
    }
}
