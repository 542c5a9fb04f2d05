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

    private static void Segment(Stream s, byte marker, byte[] payload)
    {
        s.Write([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)((payload.Length + 2) & 0xFF)]);
        s.Write(payload);
    }
}
