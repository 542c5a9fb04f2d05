using System.Globalization;

namespace Tongxing.Web.Domain;

/// <summary>
/// Shortens text for storage or display between characters as a reader sees them, never inside one: a character
/// outside the basic plane (𠮷, an emoji) is two UTF-16 units, and half of one is not text — PostgreSQL refuses it
/// and a page shows it as �.
/// </summary>
public static class TextCut
{
    /// <summary>At most <paramref name="max"/> UTF-16 units; when cut, whole characters followed by "…".</summary>
    public static string Shorten(string s, int max)
    {
        if (s.Length <= max)
        {
            return s;
        }
        var end = 0;
        while (end < s.Length)
        {
            var next = StringInfo.GetNextTextElementLength(s, end);
            if (end + next > max - 1)
            {
                break;
            }
            end += next;
        }
        return s[..end] + "…";
    }
}
