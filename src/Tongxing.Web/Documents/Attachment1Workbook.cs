using MiniExcelLibs;

namespace Tongxing.Web.Documents;

/// <summary>Writes 附件1 as .xlsx: MiniExcel fills the printable template of <see cref="FormTemplate"/> with the rows.</summary>
public static class Attachment1Workbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly Lazy<byte[]> Template = new(() => FormTemplate.Build(Attachment1.SheetName, Attachment1.Columns, Attachment1.Footer));

    /// <param name="heading">The line under the title: programme, town and date.</param>
    public static Task WriteAsync(Stream output, string heading, IEnumerable<Attachment1Row> rows, CancellationToken ct)
    {
        var value = new Dictionary<string, object>
        {
            ["Title"] = Attachment1.Title,
            ["Heading"] = heading,
            ["Rows"] = rows.Select(r => Attachment1.Fields(r with { Remarks = Neutralise(r.Remarks), Project = Neutralise(r.Project)!, Group = Neutralise(r.Group), Helper = Neutralise(r.Helper) })),
        };
        return MiniExcel.SaveAsByTemplateAsync(output, Template.Value, value, cancellationToken: ct);
    }

    /// <summary>Text that a spreadsheet would take for a formula gets a leading apostrophe, which the reader strips again.</summary>
    internal static string? Neutralise(string? s) =>
        s is { Length: > 0 } && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s;
}
