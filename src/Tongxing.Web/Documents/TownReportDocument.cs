using DocumentFormat.OpenXml.Wordprocessing;
using Tongxing.Web.Features.Reports;

namespace Tongxing.Web.Documents;

/// <summary>
/// A town's quarterly report or year-end summary as a Word document on A4: the title built from the district, town,
/// year and period, the figures table with its note, the written part, the rules adopted and the documents attached
/// (summary), who submitted and who accepted it, and a box for the town federation's seal.
/// </summary>
public static class TownReportDocument
{
    private static readonly int[] Grid = [1700, 4344, 1600, 1200];

    public static byte[] Docx(ReportView v)
    {
        const int small = 21;
        var table = Word.Table(Grid);
        table.Append(Word.Row(400, Word.Cell("类别", Grid[0], bold: true, halfPoints: small), Word.Cell("项目", Grid[1], bold: true, halfPoints: small),
            Word.Cell("数值", Grid[2], bold: true, halfPoints: small), Word.Cell("单位", Grid[3], bold: true, halfPoints: small)));
        foreach (var group in v.Figures.Rows.GroupBy(r => r.Group))
        {
            var first = true;
            foreach (var r in group)
            {
                table.Append(Word.Row(340, Word.Cell(first ? r.Group : "", Grid[0], halfPoints: small),
                    Word.Cell(r.Label, Grid[1], align: JustificationValues.Left, halfPoints: small),
                    Word.Cell(r.Shown, Grid[2], align: JustificationValues.Right, halfPoints: small), Word.Cell(r.Unit, Grid[3], halfPoints: small)));
                first = false;
            }
        }
        var body = new List<DocumentFormat.OpenXml.OpenXmlElement>
        {
            Word.Para(v.Title, 36, bold: true, JustificationValues.Center, after: 120, font: "方正小标宋简体"),
            Word.Para($"填报单位：{v.TownName}残联　　报告期：{v.Figures.From:yyyy年M月d日}至{v.Figures.To:yyyy年M月d日}　　状态：{v.StateLabel}", small, after: 80),
            Word.Para(v.IsYearEnd ? "一、全年工作数据" : "一、工作进展数据", 28, font: "黑体", after: 60),
            table,
            Word.Para("说明：" + v.Figures.Note + (v.FiguresFrozen ? "以上数据为报送时的数据。" : "尚未报送，以上为当前数据。"), 18, after: 120),
            Word.Para(v.IsYearEnd ? "二、工作总结" : "二、工作情况", 28, font: "黑体", after: 60),
        };
        body.AddRange(Paragraphs(v.Text));
        if (v.IsYearEnd)
        {
            body.Add(Word.Para("三、经验做法形成的制度", 28, font: "黑体", after: 60));
            body.AddRange(Paragraphs(v.Rules));
            if (v.Files.Count > 0)
            {
                body.Add(Word.Para("附件：" + string.Join("；", v.Files.Select((f, i) => $"{i + 1}. {f.FileName}")), 24, after: 60));
            }
        }
        var sign = Word.Table([4422, 4422]);
        sign.Append(Word.Row(500,
            Word.Cell($"报送人：{v.SubmittedByName ?? ""}\n报送时间：{v.SubmittedAt ?? ""}", 4422, align: JustificationValues.Left, halfPoints: small),
            Word.Cell($"审核人（区残联）：{(v.State == "Accepted" ? v.DecidedByName : "")}\n审核通过时间：{(v.State == "Accepted" ? v.DecidedAt : "")}", 4422,
                align: JustificationValues.Left, halfPoints: small)));
        sign.Append(Word.Row(1500, Word.Cell($"\n{v.TownName}残疾人联合会（盖章）\n\n　　　　年　　月　　日", 4422, halfPoints: small),
            Word.Cell("\n区残疾人联合会审核意见：\n\n（盖章）　　年　　月　　日", 4422, halfPoints: small)));
        body.Add(Word.Para("", 12, after: 120));
        body.Add(sign);
        return Word.Document(body);
    }

    private static IEnumerable<Paragraph> Paragraphs(string? text)
    {
        var lines = (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return lines.Count == 0 ? [Word.Para("（未填写）", 24)] : lines.Select(l => Word.Para("　　" + l, 28, after: 40));
    }
}
