namespace Tongxing.Web.Documents;

/// <summary>Writes 附件1 as a printable .xlsx (see <see cref="FormWorkbook"/>).</summary>
public static class Attachment1Workbook
{
    public const string ContentType = FormWorkbook.ContentType;

    /// <param name="heading">The line under the title: programme, town and date.</param>
    public static Task WriteAsync(Stream output, string heading, IAsyncEnumerable<Attachment1Row> rows, CancellationToken ct) =>
        WriteAsync(output, heading, rows.ToBlockingEnumerable(ct), ct);

    public static Task WriteAsync(Stream output, string heading, IEnumerable<Attachment1Row> rows, CancellationToken ct) =>
        FormWorkbook.WriteAsync(output, Attachment1.SheetName, Attachment1.Columns, Attachment1.Footer, Attachment1.Title, heading, rows.Select(Attachment1.Fields), ct);
}
