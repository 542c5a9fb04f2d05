using System.Text;
using SkiaSharp;

namespace Tongxing.TestSupport;

/// <summary>Image files as phones write them, for the upload tests (shared as source by the test projects).</summary>
public static class TestImages
{
    /// <summary>A real 64×48 JPEG with an EXIF block holding a GPS position and a comment inserted after its start marker.</summary>
    public static byte[] JpegWithGps()
    {
        using var bitmap = new SKBitmap(64, 48);
        bitmap.Erase(new SKColor(0xA4, 0x16, 0x1A));
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        using var s = new MemoryStream();
        s.Write(jpeg, 0, 2);
        Segment(s, 0xE1, Encoding.ASCII.GetBytes("Exif\0\0GPSLatitude=24.3N;GPSLongitude=109.4E"));
        Segment(s, 0xFE, Encoding.ASCII.GetBytes("taken at Luoman"));
        s.Write(jpeg, 2, jpeg.Length - 2);
        return s.ToArray();
    }

    /// <summary>A real JPEG cut off in the middle of its picture data, as an interrupted upload leaves it.</summary>
    public static byte[] TruncatedJpeg()
    {
        using var bitmap = new SKBitmap(256, 192);
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 7), (byte)(y * 13), (byte)(x ^ y)));
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        return jpeg[..(jpeg.Length * 2 / 3)];
    }

    /// <summary>A JPEG of the given size in one grey (small on disk however large the picture).</summary>
    public static byte[] GreyJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        bitmap.Erase(new SKColor(0x80, 0x80, 0x80));
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 50).ToArray();
    }

    /// <summary>A valid greyscale PNG of the given size, all black: a few hundred kilobytes for tens of megapixels.</summary>
    public static byte[] BlackPng(int width, int height)
    {
        using var s = new MemoryStream();
        s.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth; colour type 0 (grey), deflate, no filter, no interlace
        PngChunk(s, "IHDR", ihdr);
        using (var data = new MemoryStream())
        {
            using (var z = new System.IO.Compression.ZLibStream(data, System.IO.Compression.CompressionLevel.Fastest, true))
            {
                var row = new byte[width + 1];
                for (var y = 0; y < height; y++)
                {
                    z.Write(row);
                }
            }
            PngChunk(s, "IDAT", data.ToArray());
        }
        PngChunk(s, "IEND", []);
        return s.ToArray();
    }

    /// <summary>A PNG whose first chunk after the header claims <paramref name="length"/> bytes it does not have.</summary>
    public static byte[] PngWithChunkLength(uint length)
    {
        var png = BlackPng(8, 8);
        using var s = new MemoryStream();
        s.Write(png, 0, 33); // signature and IHDR
        s.Write([(byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length]);
        s.Write(Encoding.ASCII.GetBytes("tEXt"));
        s.Write(png, 33, png.Length - 33);
        return s.ToArray();
    }

    private static void PngChunk(Stream s, string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        s.Write([(byte)(data.Length >> 24), (byte)(data.Length >> 16), (byte)(data.Length >> 8), (byte)data.Length]);
        s.Write(typeBytes);
        s.Write(data);
        var crc = Crc32([.. typeBytes, .. data]);
        s.Write([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }

    private static void Segment(Stream s, byte marker, byte[] payload)
    {
        s.Write([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)((payload.Length + 2) & 0xFF)]);
        s.Write(payload);
    }
}
