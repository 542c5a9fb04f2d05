namespace Tongxing.Web.Documents;

/// <summary>A photo accepted for storage: its bytes with metadata removed, and its real type.</summary>
public sealed record CleanImage(byte[] Bytes, string ContentType, string Extension);

/// <summary>
/// Accepts JPEG and PNG photos by their content (never by name or declared type), refuses pictures too large to decode
/// safely, and re-encodes them (SkiaSharp) so that nothing but pixels leaves: no EXIF with GPS position, no XMP, IPTC,
/// comments or PNG text. The phone's orientation is applied to the pixels before the metadata goes.
/// </summary>
public static class ImageSanitizer
{
    /// <summary>Pictures above this many pixels (about a 48-megapixel phone camera) are refused: decoding them could exhaust memory.</summary>
    public const long MaxPixels = 50_000_000;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly HashSet<string> PngDropped = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"];

    public static (CleanImage? Image, string? Error) Clean(byte[] data)
    {
        try
        {
            if (data.Length > 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
            {
                return Reencode(Jpeg(data), SkiaSharp.SKEncodedImageFormat.Jpeg, "image/jpeg", ".jpg");
            }
            if (data.Length > 8 && data.AsSpan(0, 8).SequenceEqual(PngSignature))
            {
                return Reencode(Png(data), SkiaSharp.SKEncodedImageFormat.Png, "image/png", ".png");
            }
            return (null, "只能上传 JPEG 或 PNG 格式的照片");
        }
        catch (FormatException)
        {
            return (null, "照片文件已损坏，无法读取");
        }
    }

    private static (CleanImage? Image, string? Error) Reencode(byte[] stripped, SkiaSharp.SKEncodedImageFormat format, string contentType, string extension)
    {
        using var codec = SkiaSharp.SKCodec.Create(new MemoryStream(stripped));
        if (codec is null)
        {
            return (null, "照片文件已损坏，无法读取");
        }
        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return (null, $"照片像素过大（{codec.Info.Width}×{codec.Info.Height}），请压缩后再上传");
        }
        var origin = codec.EncodedOrigin;
        using var decoded = SkiaSharp.SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return (null, "照片文件已损坏，无法读取");
        }
        using var upright = Orient(decoded, origin);
        using var image = SkiaSharp.SKImage.FromBitmap(upright);
        using var encoded = image.Encode(format, 85);
        return encoded is null ? (null, "照片无法处理，请换一张") : (new CleanImage(encoded.ToArray(), contentType, extension), null);
    }

    /// <summary>Turns the pixels the way the phone's orientation tag says, since the tag itself is removed.</summary>
    private static SkiaSharp.SKBitmap Orient(SkiaSharp.SKBitmap source, SkiaSharp.SKEncodedOrigin origin)
    {
        var (degrees, swap) = origin switch
        {
            SkiaSharp.SKEncodedOrigin.BottomRight => (180, false),
            SkiaSharp.SKEncodedOrigin.RightTop => (90, true),
            SkiaSharp.SKEncodedOrigin.LeftBottom => (270, true),
            _ => (0, false),
        };
        var result = new SkiaSharp.SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        using var canvas = new SkiaSharp.SKCanvas(result);
        canvas.Translate(result.Width / 2f, result.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-source.Width / 2f, -source.Height / 2f);
        using var picture = SkiaSharp.SKImage.FromBitmap(source);
        canvas.DrawImage(picture, 0, 0, new SkiaSharp.SKSamplingOptions(SkiaSharp.SKFilterMode.Linear));
        return result;
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
