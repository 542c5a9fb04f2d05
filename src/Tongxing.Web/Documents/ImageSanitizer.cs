using SkiaSharp;

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
    /// <summary>Pictures whose header claims more pixels than this are refused before anything is decoded.</summary>
    public const long MaxPixels = 200_000_000;

    /// <summary>
    /// Decoded pixels allowed by default (16 megapixels, 64 MB at 4 bytes a pixel): a 12-megapixel phone photo decodes
    /// whole; a larger JPEG is decoded at 1/2, 1/4 or 1/8 of its size (the JPEG decoder scales as it decodes, without the
    /// full picture ever in memory); a PNG that would not fit is refused, since PNG cannot be decoded scaled.
    /// </summary>
    public const long DefaultDecodePixelBudget = 16_000_000;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly HashSet<string> PngDropped = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"];
    private const string Broken = "照片文件已损坏，无法读取";

    private static bool IsJpeg(byte[] data) => data.Length > 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    private static bool IsPng(byte[] data) => data.Length > 8 && data.AsSpan(0, 8).SequenceEqual(PngSignature);

    /// <summary>Whether the file says it is a JPEG or PNG picture (by its first bytes), usable or not.</summary>
    public static bool IsPicture(byte[] data) => IsJpeg(data) || IsPng(data);

    public static (CleanImage? Image, string? Error) Clean(byte[] data, long decodePixelBudget = DefaultDecodePixelBudget)
    {
        try
        {
            if (IsJpeg(data))
            {
                if (!EndsItsLastScan(data))
                {
                    return (null, Incomplete);
                }
                return Reencode(Jpeg(data), SKEncodedImageFormat.Jpeg, "image/jpeg", ".jpg", decodePixelBudget);
            }
            if (IsPng(data))
            {
                return Reencode(Png(data), SKEncodedImageFormat.Png, "image/png", ".png", decodePixelBudget);
            }
            return (null, "只能上传 JPEG 或 PNG 格式的照片");
        }
        catch (FormatException)
        {
            return (null, Broken);
        }
    }

    private const string Incomplete = "照片文件不完整（可能没有传完），请重新上传";

    /// <summary>
    /// Whether the JPEG's last scan is followed by its end-of-image marker. A baseline file cut short fails to decode, but
    /// a progressive one decodes, blurred, from its first scans alone — a signed agreement's scan unreadable yet accepted.
    /// Inside compressed data a 0xFF byte is always followed by 0x00 or a restart marker, so neither marker can occur there;
    /// an embedded thumbnail's scan and end come before the picture's own scan.
    /// </summary>
    public static bool EndsItsLastScan(ReadOnlySpan<byte> d)
    {
        // A file without any scan is not this check's to refuse: the decoder says it is broken.
        var scan = LastMarker(d, 0xDA);
        return scan < 0 || LastMarker(d, 0xD9) > scan;
    }

    private static int LastMarker(ReadOnlySpan<byte> d, byte marker)
    {
        for (var i = d.Length - 2; i >= 0; i--)
        {
            if (d[i] == 0xFF && d[i + 1] == marker)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// Whether a JPEG of this many bytes can hold this many pixels: every 8×8 block of a baseline or progressive JPEG costs
    /// at least a few bits (its DC difference and end-of-block codes), so fewer than one bit per block is not a picture.
    /// </summary>
    public static bool PlausibleJpegSize(long bytes, int width, int height) =>
        bytes * 8 >= (long)((width + 7) / 8) * ((height + 7) / 8);

    /// <summary>The scale (1, 1/2, 1/4, 1/8) a JPEG is decoded at to stay within the budget; null when even 1/8 is too large.</summary>
    public static SKSizeI? DecodeSize(int width, int height, bool canScale, long budget)
    {
        foreach (var divisor in canScale ? new[] { 1, 2, 4, 8 } : [1])
        {
            var w = (width + divisor - 1) / divisor;
            var h = (height + divisor - 1) / divisor;
            if ((long)w * h <= budget)
            {
                return new SKSizeI(w, h);
            }
        }
        return null;
    }

    private static (CleanImage? Image, string? Error) Reencode(byte[] stripped, SKEncodedImageFormat format, string contentType, string extension, long budget)
    {
        using var codec = SKCodec.Create(new MemoryStream(stripped));
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return (null, Broken);
        }
        // The size comes from the header alone: nothing has been decoded yet.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var jpeg = format == SKEncodedImageFormat.Jpeg;
        if (jpeg && !PlausibleJpegSize(stripped.Length, width, height))
        {
            // A header claiming far more pixels than the data could hold (a 543-byte file saying 10000×10000): the decoder
            // would spend a second inventing a blank picture.
            return (null, Broken);
        }
        if ((long)width * height > MaxPixels || DecodeSize(width, height, jpeg, budget) is not { } wanted)
        {
            return (null, jpeg
                ? $"照片像素过大（{width}×{height}），请压缩后再上传"
                : $"PNG 图片像素过大（{width}×{height}），最多{budget / 10_000}万像素，请转为 JPEG 或缩小后再上传");
        }
        // The decoder's nearest supported size at or above the wanted one; kept only if it is within the budget.
        var size = wanted.Width == width ? wanted : codec.GetScaledDimensions((float)wanted.Width / width);
        if ((long)size.Width * size.Height > budget)
        {
            size = wanted;
        }
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, jpeg ? SKAlphaType.Opaque : SKAlphaType.Premul);
        using var decoded = new SKBitmap();
        if (!decoded.TryAllocPixels(info))
        {
            return (null, "照片无法处理，请换一张");
        }
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result == SKCodecResult.IncompleteInput)
        {
            return (null, Incomplete);
        }
        if (result != SKCodecResult.Success)
        {
            return (null, Broken);
        }
        decoded.SetImmutable();
        var origin = codec.EncodedOrigin;
        using var encoded = origin is SKEncodedOrigin.BottomRight or SKEncodedOrigin.RightTop or SKEncodedOrigin.LeftBottom
            ? EncodeTurned(decoded, origin, format)
            : decoded.Encode(format, 85);
        return encoded is null ? (null, "照片无法处理，请换一张") : (new CleanImage(encoded.ToArray(), contentType, extension), null);
    }

    /// <summary>Turns the pixels the way the phone's orientation tag says, since the tag itself is removed.</summary>
    private static SKData? EncodeTurned(SKBitmap source, SKEncodedOrigin origin, SKEncodedImageFormat format)
    {
        var (degrees, swap) = origin switch
        {
            SKEncodedOrigin.BottomRight => (180, false),
            SKEncodedOrigin.RightTop => (90, true),
            _ => (270, true),
        };
        using var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        using (var canvas = new SKCanvas(result))
        {
            canvas.Translate(result.Width / 2f, result.Height / 2f);
            canvas.RotateDegrees(degrees);
            canvas.Translate(-source.Width / 2f, -source.Height / 2f);
            // The source is immutable, so the image shares its pixels rather than copying them.
            using var picture = SKImage.FromBitmap(source);
            canvas.DrawImage(picture, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        }
        return result.Encode(format, 85);
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
            if (i + 1 >= d.Length)
            {
                throw new FormatException("truncated");
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
            if (length < 2 || (long)i + 2 + length > d.Length)
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
        while ((long)i + 12 <= d.Length)
        {
            // A chunk length is an unsigned 32-bit number: read it as such, and compare in 64 bits (no overflow).
            long length = ((uint)d[i] << 24) | ((uint)d[i + 1] << 16) | ((uint)d[i + 2] << 8) | d[i + 3];
            if (length > int.MaxValue || i + 12 + length > d.Length)
            {
                throw new FormatException("bad chunk length");
            }
            var type = System.Text.Encoding.ASCII.GetString(d, i + 4, 4);
            if (!PngDropped.Contains(type))
            {
                output.Write(d, i, 12 + (int)length);
            }
            i += 12 + (int)length;
            if (type == "IEND")
            {
                return output.ToArray();
            }
        }
        throw new FormatException("no IEND");
    }
}
