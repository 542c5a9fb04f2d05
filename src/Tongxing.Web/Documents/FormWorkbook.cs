using System.Collections.Concurrent;
using MiniExcelLibs;

namespace Tongxing.Web.Documents;

/// <summary>A printable government table as .xlsx: MiniExcel fills the template that <see cref="FormTemplate"/> builds for the columns.</summary>
public static class FormWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly ConcurrentDictionary<string, byte[]> Templates = new();

    public static Task WriteAsync(Stream output, string sheetName, IReadOnlyList<FormColumn> columns, string footer, string title, string heading,
        IEnumerable<IReadOnlyDictionary<string, object?>> rows, CancellationToken ct)
    {
        var template = Templates.GetOrAdd(sheetName + "|" + string.Join(",", columns.Select(c => c.Field)), _ => FormTemplate.Build(sheetName, columns, footer));
        var value = new Dictionary<string, object>
        {
            ["Title"] = title,
            ["Heading"] = heading,
            ["Rows"] = rows.Select(r => r.ToDictionary(kv => kv.Key, kv => kv.Value is string s ? Neutralise(s) : kv.Value)),
        };
        return MiniExcel.SaveAsByTemplateAsync(output, template, value, cancellationToken: ct);
    }

    /// <summary>Text that a spreadsheet would take for a formula gets a leading apostrophe, which the reader strips again.</summary>
    internal static string? Neutralise(string? s) =>
        s is { Length: > 0 } && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s;
}
