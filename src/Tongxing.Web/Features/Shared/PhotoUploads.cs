using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Shared;

/// <summary>A cleaned picture saved under a generated name, with the name the user's file had (for showing only).</summary>
public sealed record StoredPhoto(string StoredName, string ContentType, string OriginalName, long Size);

/// <summary>
/// The one way an uploaded picture (notice photo, payment voucher, signed receipt, project photo) is taken in: at most
/// <c>Uploads:MaxPhotoBytes</c>, decoded as JPEG or PNG within the pixel budget, its metadata (GPS and the rest) removed,
/// saved outside the web root under a generated name. Anything else is refused with a reason.
/// </summary>
public sealed class PhotoUploads(FileStore files, PhotoDecoding decoding, IConfiguration config)
{
    public long MaxBytes => config.GetValue("Uploads:MaxPhotoBytes", 10L * 1024 * 1024);

    /// <summary>Checks, cleans and stores the picture; <paramref name="field"/> names the form field errors belong to.</summary>
    public async Task<Outcome<StoredPhoto>> SaveAsync(byte[] content, string? fileName, string field, CancellationToken ct)
    {
        if (content.LongLength == 0)
        {
            return Outcome<StoredPhoto>.Invalid([new FieldError(field, "请选择要上传的照片")]);
        }
        if (content.LongLength > MaxBytes)
        {
            return Outcome<StoredPhoto>.Invalid([new FieldError(field, $"照片不能超过{MaxBytes / 1024 / 1024}MB")]);
        }
        var cleaned = await decoding.CleanAsync(content, ct);
        if (cleaned.Value is not { } image)
        {
            return new Outcome<StoredPhoto>(cleaned.Status, default, [.. cleaned.Errors.Select(e => e with { Field = field })]);
        }
        var stored = await files.SaveAsync(image.Bytes, image.Extension, ct);
        var name = PlainText.FileName(fileName, "照片", image.Extension, 200);
        return Outcome<StoredPhoto>.Success(new StoredPhoto(stored, image.ContentType, name, image.Bytes.LongLength));
    }

    /// <summary>A stored picture's content, or null when the name is not one of ours or the file is gone.</summary>
    public Stream? Open(string? storedName) => storedName is null ? null : files.Open(storedName);
}
