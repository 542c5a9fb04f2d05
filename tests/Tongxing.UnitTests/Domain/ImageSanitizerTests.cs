using System.Text;
using Tongxing.TestSupport;
using Tongxing.Web.Documents;

namespace Tongxing.UnitTests.Domain;

public sealed class ImageSanitizerTests
{
    [Fact]
    public void Gps_exif_and_comments_are_removed_from_a_jpeg_and_the_picture_kept()
    {
        var (image, error) = ImageSanitizer.Clean(TestImages.JpegWithGps());
        Assert.Null(error);
        var text = Encoding.ASCII.GetString(image!.Bytes);
        Assert.DoesNotContain("GPS", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Luoman", text, StringComparison.Ordinal);
        Assert.Equal("image/jpeg", image.ContentType);
        using var decoded = SkiaSharp.SKBitmap.Decode(image.Bytes);
        Assert.Equal((64, 48), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Png_text_and_exif_chunks_are_removed()
    {
        using var bitmap = new SkiaSharp.SKBitmap(8, 8);
        bitmap.Erase(SkiaSharp.SKColors.White);
        var png = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray();
        using var s = new MemoryStream();
        s.Write(png, 0, 33); // signature and IHDR
        Chunk(s, "tEXt", Encoding.ASCII.GetBytes("Location\0Luoman"));
        Chunk(s, "eXIf", Encoding.ASCII.GetBytes("GPS"));
        s.Write(png, 33, png.Length - 33);
        var (image, error) = ImageSanitizer.Clean(s.ToArray());
        Assert.Null(error);
        var text = Encoding.ASCII.GetString(image!.Bytes);
        Assert.DoesNotContain("Luoman", text, StringComparison.Ordinal);
        Assert.DoesNotContain("eXIf", text, StringComparison.Ordinal);
        Assert.Equal("image/png", image.ContentType);
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        s.Write([(byte)(data.Length >> 24), (byte)(data.Length >> 16), (byte)(data.Length >> 8), (byte)data.Length]);
        s.Write(Encoding.ASCII.GetBytes(type));
        s.Write(data);
        s.Write([0, 0, 0, 0]);
    }

    [Theory]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, "JPEG 或 PNG")]
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, "JPEG 或 PNG")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF }, "已损坏")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xD9 }, "已损坏")]
    public void Other_types_and_broken_files_are_refused(byte[] data, string expected)
    {
        var (image, error) = ImageSanitizer.Clean(data);
        Assert.Null(image);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
