namespace Tongxing.Web.Domain;

/// <summary>Free text (comments, reasons, objections) is stored as typed minus invisible control characters, which some databases refuse.</summary>
public static class PlainText
{
    public static string? Clean(string? s) =>
        s is null ? null : new string(s.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t').ToArray()).Trim();
}
