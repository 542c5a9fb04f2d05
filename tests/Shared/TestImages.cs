using System.Text;

namespace Tongxing.TestSupport;

/// <summary>Image files as phones write them, for the upload tests (shared as source by the test projects).</summary>
public static class TestImages
{
    /// <summary>A JPEG with a JFIF header, an EXIF block holding a GPS position, a comment, then the picture data.</summary>
    public static byte[] JpegWithGps()
    {
        var exif = Encoding.ASCII.GetBytes("Exif\0\0GPSLatitude=24.3N;GPSLongitude=109.4E");
        var comment = Encoding.ASCII.GetBytes("taken at Luoman");
        var jfif = Encoding.ASCII.GetBytes("JFIF\0\u0001\u0001\0\0\u0001\0\u0001\0\0");
        using var s = new MemoryStream();
        s.Write([0xFF, 0xD8]);
        Segment(s, 0xE0, jfif);
        Segment(s, 0xE1, exif);
        Segment(s, 0xFE, comment);
        Segment(s, 0xDB, new byte[65]);
        s.Write([0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3F, 0]);
        s.Write([0x12, 0x34, 0x56, 0xFF, 0x00, 0x78]);
        s.Write([0xFF, 0xD9]);
        return s.ToArray();
    }

    private static void Segment(Stream s, byte marker, byte[] payload)
    {
        s.Write([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)((payload.Length + 2) & 0xFF)]);
        s.Write(payload);
    }
}
