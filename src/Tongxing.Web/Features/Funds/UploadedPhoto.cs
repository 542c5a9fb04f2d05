using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tongxing.Web.Features.Funds;

/// <summary>A picture as a form or the API sent it (receipt, project photo), read once within the size limit, and served back.</summary>
public sealed record UploadedPhoto(byte[]? Content, string? FileName, bool TooLarge)
{
    public static async Task<UploadedPhoto> ReadAsync(IFormFile? file, long max, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return new(null, null, false);
        }
        if (file.Length > max)
        {
            return new(null, file.FileName, true);
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return new(buffer.ToArray(), file.FileName, false);
    }

    public static string TooLargeMessage(long max) => $"照片不能超过{max / 1024 / 1024}MB";

    /// <summary>A stored picture for a page: never sniffed, never cached by a shared cache.</summary>
    public static IActionResult Serve(PageModel page, StoredFile? file)
    {
        if (file is null)
        {
            return page.NotFound();
        }
        page.Response.Headers.XContentTypeOptions = "nosniff";
        page.Response.Headers.CacheControl = "private, no-store";
        return page.File(file.Content, file.ContentType);
    }
}
