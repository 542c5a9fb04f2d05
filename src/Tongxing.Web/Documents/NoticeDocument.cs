using DocumentFormat.OpenXml.Wordprocessing;
using QRCoder;

namespace Tongxing.Web.Documents;

/// <summary>What a printed notice says: its title, body, masked list, issuer and date.</summary>
public sealed record NoticeText(string Title, string Body, IReadOnlyList<(int Number, string Name, string IdNumber, string? Group, string Project)> Rows,
    string IssuedBy, string Issued, string PublicUrl);

/// <summary>The public notice as a Word document (A4) and as an SVG QR code of its public link.</summary>
public static class NoticeDocument
{
    public const string ContentType = Word.ContentType;

    public static string Body(string villageName, int count, string period, int workingDays) =>
        $"经村（社区）党组织调查摸底、镇党委审核、区残联审查，拟将以下{count}户列为“党员扶残 温暖同行”项目帮扶对象，现予以公示。" +
        $"公示期为{period}（{workingDays}个工作日）。公示期间，如对公示对象有异议，请以书面或口头形式向{villageName}党组织或镇党委反映，反映情况应实事求是。";

    public static string QrSvg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    /// <summary>The QR code of the public link as a PNG, for the Word file (black on white, 4-module quiet zone).</summary>
    public static byte[] QrPng(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    public static byte[] Docx(NoticeText n)
    {
        // The ID column holds 18 characters on one line (a wrapped number is misread on a posted notice).
        int[] widths = [700, 1100, 3200, 1300, 2700];
        var table = Word.Table(widths);
        table.Append(HeaderRow(["序号", "姓名", "身份证号码", "村民小组", "扶持项目"], widths));
        foreach (var r in n.Rows)
        {
            table.Append(Word.Row(null, new[] { Word.Num(r.Number), r.Name, r.IdNumber, r.Group ?? "", r.Project }.Select((c, i) => Word.Cell(c, widths[i])).ToArray()));
        }
        return Word.Document(main =>
        [
            Word.Para(n.Title, 36, bold: true, JustificationValues.Center, after: 240, font: "方正小标宋简体"),
            Word.Para("　　" + n.Body, 28, false, JustificationValues.Both, after: 200),
            table,
            Word.Para("", 28, after: 200),
            Word.Png(main, QrPng(n.PublicUrl), 3, "公示二维码"),
            Word.Para("扫描公示二维码或访问以下地址查看：" + n.PublicUrl, 21, after: 400),
            Word.Para(n.IssuedBy, 28, false, JustificationValues.Right),
            Word.Para(n.Issued, 28, false, JustificationValues.Right),
        ]);
    }

    private static TableRow HeaderRow(string[] cells, int[] widths)
    {
        var row = Word.Row(null, cells.Select((c, i) => Word.Cell(c, widths[i], bold: true)).ToArray());
        row.PrependChild(new TableRowProperties(new TableHeader()));
        return row;
    }
}
