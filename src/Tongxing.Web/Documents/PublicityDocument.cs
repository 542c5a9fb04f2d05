using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SkiaSharp;

namespace Tongxing.Web.Documents;

/// <summary>One approved entry as the export prints it; the household already masked unless it consented.</summary>
public sealed record PublicityEntry(string Kind, string Title, string Text, string? Household, string? Helper, string? Branch, string Approver, string ApprovedAt,
    IReadOnlyList<(byte[] Content, string ContentType)> Photos);

/// <summary>
/// 宣传材料汇编 as a Word document on A4: each approved entry with its kind, title, text, who it is about, its photos
/// (kept in proportion, two to a row) and who approved it when.
/// </summary>
public static class PublicityDocument
{
    private const double PhotoWidthCm = 7.5;

    public static byte[] Docx(string unit, IReadOnlyList<PublicityEntry> entries) => Word.Document(main =>
    {
        var body = new List<DocumentFormat.OpenXml.OpenXmlElement>
        {
            Word.Para($"{unit}“党员扶残 温暖同行”活动", 28, false, JustificationValues.Center, font: "黑体"),
            Word.Para("先进典型和经验做法宣传材料", 40, true, JustificationValues.Center, after: 240, font: "方正小标宋简体"),
        };
        if (entries.Count == 0)
        {
            body.Add(Word.Para("暂无经区残联审核通过的宣传材料。", 28));
        }
        var n = 0;
        foreach (var e in entries)
        {
            n++;
            body.Add(Word.Para($"{Chinese(n)}、【{e.Kind}】{e.Title}", 32, true, JustificationValues.Left, after: 120, font: "黑体"));
            var about = string.Join("；", new[] { e.Branch is null ? null : "集体：" + e.Branch, e.Helper is null ? null : "帮扶人：" + e.Helper,
                e.Household is null ? null : "帮扶对象：" + e.Household }.Where(x => x is not null));
            if (about.Length > 0)
            {
                body.Add(Word.Para(about, 24, false, JustificationValues.Left, after: 60, font: "楷体_GB2312"));
            }
            foreach (var line in e.Text.Split('\n'))
            {
                body.Add(Word.Para("　　" + line.Trim(), 28, after: 0));
            }
            foreach (var pair in e.Photos.Chunk(2))
            {
                var p = new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }, new SpacingBetweenLines { Before = "120" }));
                foreach (var (content, type) in pair)
                {
                    if (Picture(main, content, type, $"{e.Title} 照片") is { } run)
                    {
                        p.Append(run, new Run(new Text("　") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }));
                    }
                }
                body.Add(p);
            }
            body.Add(Word.Para($"审核：{e.Approver}　　审核时间：{e.ApprovedAt}", 21, false, JustificationValues.Right, after: 240));
        }
        return body;
    });

    private static string Chinese(int n) => n switch
    {
        <= 10 => "零一二三四五六七八九十"[n].ToString(),
        < 20 => "十" + "零一二三四五六七八九"[n - 10].ToString().Replace("零", "", StringComparison.Ordinal),
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A JPEG or PNG inline at <see cref="PhotoWidthCm"/> wide, its height in proportion; null when the picture cannot be read.</summary>
    private static Run? Picture(MainDocumentPart main, byte[] content, string contentType, string description)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(content));
        if (codec is null || codec.Info.Width == 0)
        {
            return null;
        }
        var cx = (long)(PhotoWidthCm * 360000);
        return Word.Picture(main, content, contentType == "image/png" ? ImagePartType.Png : ImagePartType.Jpeg, cx, cx * codec.Info.Height / codec.Info.Width, description);
    }
}
