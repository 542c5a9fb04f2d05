namespace Tongxing.Web.Documents;

/// <summary>A photo accepted for storage: its bytes with metadata removed, and its real type.</summary>
public sealed record CleanImage(byte[] Bytes, string ContentType, string Extension);

/// <summary>
/// Accepts JPEG and PNG photos by their content (never by name or declared type) and removes the metadata
/// that phones add — EXIF with GPS position, XMP, IPTC, comments, PNG text chunks — without re-encoding the picture.
/// </summary>
public static class ImageSanitizer
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly HashSet<string> PngDropped = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"];

    public static (CleanImage? Image, string? Error) Clean(byte[] data)
    {
        try
        {
            if (data.Length > 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
            {
                return (new CleanImage(Jpeg(data), "image/jpeg", ".jpg"), null);
            }
            if (data.Length > 8 && data.AsSpan(0, 8).SequenceEqual(PngSignature))
            {
                return (new CleanImage(Png(data), "image/png", ".png"), null);
            }
            return (null, "只能上传 JPEG 或 PNG 格式的照片");
        }
        catch (FormatException)
        {
            return (null, "照片文件已损坏，无法读取");
        }
    }

    private static byte[] Jpeg(byte[] d)
    {
        using var output = new MemoryStream(d.Length);
        output.Write(d, 0, 2);
        var i = 2;
        while (i < d.Length)
        {
            if (d[i] != 0xFF)
            {
                throw new FormatException("marker expected");
            }
            var marker = d[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }
            if (marker == 0xD9)
            {
                output.Write(d, i, 2);
                return output.ToArray();
            }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                output.Write(d, i, 2);
                i += 2;
                continue;
            }
            if (i + 3 >= d.Length)
            {
                throw new FormatException("truncated");
            }
            var length = (d[i + 2] << 8) | d[i + 3];
            if (length < 2 || i + 2 + length > d.Length)
            {
                throw new FormatException("bad segment length");
            }
            if (marker == 0xDA)
            {
                // Start of scan: the compressed picture follows up to the end of the file.
                output.Write(d, i, d.Length - i);
                return output.ToArray();
            }
            var metadata = marker is >= 0xE1 and <= 0xEF or 0xFE;
            if (!metadata)
            {
                output.Write(d, i, 2 + length);
            }
            i += 2 + length;
        }
        throw new FormatException("no image data");
    }

    private static byte[] Png(byte[] d)
    {
        using var output = new MemoryStream(d.Length);
        output.Write(PngSignature);
        var i = 8;
        while (i + 12 <= d.Length)
        {
            var length = (d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3];
            if (length < 0 || i + 12 + length > d.Length)
            {
                throw new FormatException("bad chunk length");
            }
            var type = System.Text.Encoding.ASCII.GetString(d, i + 4, 4);
            if (!PngDropped.Contains(type))
            {
                output.Write(d, i, 12 + length);
            }
            i += 12 + length;
            if (type == "IEND")
            {
                return output.ToArray();
            }
        }
        throw new FormatException("no IEND");
    }
}
