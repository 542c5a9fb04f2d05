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

public sealed class ImageDecodingBudgetTests
{
    [Theory]
    [InlineData(4032, 3024, true, 4032, 3024)]
    [InlineData(8000, 6000, true, 4000, 3000)]
    [InlineData(7000, 7000, true, 3500, 3500)]
    [InlineData(30000, 20000, true, 3750, 2500)]
    public void A_jpeg_is_decoded_at_the_largest_scale_within_the_budget(int width, int height, bool jpeg, int w, int h)
    {
        var size = ImageSanitizer.DecodeSize(width, height, jpeg, ImageSanitizer.DefaultDecodePixelBudget);
        Assert.Equal((w, h), (size!.Value.Width, size.Value.Height));
    }

    [Theory]
    [InlineData(7000, 7000)]
    [InlineData(50000, 50000)]
    public void A_picture_that_cannot_be_decoded_within_the_budget_has_no_decode_size(int width, int height) =>
        Assert.Null(ImageSanitizer.DecodeSize(width, height, canScale: width == 50000, ImageSanitizer.DefaultDecodePixelBudget));

    [Fact]
    public void A_png_over_the_budget_is_refused_from_its_header()
    {
        var (image, error) = ImageSanitizer.Clean(TestImages.BlackPng(7000, 7000));
        Assert.Null(image);
        Assert.Contains("7000×7000", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x7FFFFFF0u)]
    [InlineData(0xFFFFFFF0u)]
    [InlineData(0x80000000u)]
    public void A_png_chunk_length_past_the_file_is_refused(uint length)
    {
        var (image, error) = ImageSanitizer.Clean(TestImages.PngWithChunkLength(length));
        Assert.Null(image);
        Assert.Contains("已损坏", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_jpeg_is_refused_as_incomplete()
    {
        var (image, error) = ImageSanitizer.Clean(TestImages.TruncatedJpeg());
        Assert.Null(image);
        Assert.Contains("不完整", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jpeg_cut_after_its_scan_data_is_refused_although_its_picture_would_decode()
    {
        // A progressive JPEG cut short decodes, blurred, from its first scans; what gives it away is the missing end
        // marker after the last scan. The whole picture without its two end bytes stands for it here.
        var whole = TestImages.GreyJpeg(64, 48);
        Assert.NotNull(ImageSanitizer.Clean(whole).Image);
        var (image, error) = ImageSanitizer.Clean(whole[..^2]);
        Assert.Null(image);
        Assert.Contains("不完整", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_end_marker_must_follow_the_last_scan_not_an_embedded_thumbnails()
    {
        byte[] thumbnailThenCutPicture = [0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x08, 0xFF, 0xDA, 0x01, 0xFF, 0xD9, 0x00, 0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22];
        Assert.False(ImageSanitizer.EndsItsLastScan(thumbnailThenCutPicture));
        Assert.True(ImageSanitizer.EndsItsLastScan([.. thumbnailThenCutPicture, 0xFF, 0xD9, 0x00, 0x00]));
        Assert.True(ImageSanitizer.EndsItsLastScan([0xFF, 0xD8, 0xFF, 0xE0]));
    }

    [Fact]
    public void A_jpeg_ending_in_a_lone_marker_byte_is_refused()
    {
        var (image, error) = ImageSanitizer.Clean([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF]);
        Assert.Null(image);
        Assert.Contains("已损坏", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_jpeg_whose_header_claims_a_huge_picture_is_refused_before_decoding()
    {
        var data = TestImages.GreyJpeg(16, 16);
        var sof = Enumerable.Range(0, data.Length - 1).First(i => data[i] == 0xFF && data[i + 1] is 0xC0 or 0xC2);
        data[sof + 5] = 10000 >> 8; // height
        data[sof + 6] = 10000 & 0xFF;
        data[sof + 7] = 10000 >> 8; // width
        data[sof + 8] = 10000 & 0xFF;
        var (image, error) = ImageSanitizer.Clean(data);
        Assert.Null(image);
        Assert.Contains("已损坏", error, StringComparison.Ordinal);
        // A real picture of that kind, however plain, has at least a few bits for each 8×8 block.
        Assert.True(ImageSanitizer.PlausibleJpegSize(TestImages.GreyJpeg(6000, 4000).Length, 6000, 4000));
        Assert.False(ImageSanitizer.PlausibleJpegSize(data.Length, 10000, 10000));
    }
}
