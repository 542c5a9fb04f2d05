namespace Tongxing.Web.Data;

/// <summary>An uploaded workbook kept between its dry run and the user's decision to import it (or not).</summary>
public sealed class ImportUpload
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
}
