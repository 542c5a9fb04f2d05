using DocumentFormat.OpenXml.Wordprocessing;
using Tongxing.Web.Features.Inspections;

namespace Tongxing.Web.Documents;

/// <summary>
/// 检查验收表 of one town as a Word document on A4: the checklist with what the records show, the inspectors' verdict and
/// note; the sampled households (names masked, village, finding); the result and opinion; the rectification items with
/// owner and due date; the inspectors' signatures and the seal box.
/// </summary>
public static class InspectionReportDocument
{
    private static readonly int[] Grid = [600, 2400, 3000, 1200, 1944];

    public static byte[] Build(InspectionView v)
    {
        const int small = 20;
        TableCell Head(string text, int col, int span = 1) => Word.Cell(text, Grid.Skip(col).Take(span).Sum(), span, bold: true, halfPoints: small);
        TableCell Value(string? text, int col, int span = 1) => Word.Cell(text ?? "", Grid.Skip(col).Take(span).Sum(), span, halfPoints: small);
        TableCell Left(string? text, int col, int span = 1) => Word.Cell(text ?? "", Grid.Skip(col).Take(span).Sum(), span, align: JustificationValues.Left, halfPoints: small);
        static string Verdict(bool? met) => met switch { true => "符合", false => "不符合", null => "未确认" };

        var t = Word.Table(Grid);
        t.Append(Word.Row(400, Head("被检查单位", 0, 2), Value(v.TownName, 2), Head("检查日期", 3), Value(v.On, 4)));
        t.Append(Word.Row(400, Head("检查人员", 0, 2), Left(v.Inspectors, 2, 3)));
        t.Append(Word.Row(400, Head("一、检查内容（系统记录预填，检查组确认）", 0, 5)));
        t.Append(Word.Row(400, Head("序号", 0), Head("检查项目", 1), Head("系统记录情况", 2), Head("结论", 3), Head("说明", 4)));
        var n = 0;
        foreach (var c in v.Checks)
        {
            t.Append(Word.Row(null, Value(Word.Num(++n), 0), Left(c.Label, 1), Left(c.RecordValue, 2), Value(Verdict(c.Met), 3), Left(c.Note, 4)));
        }
        t.Append(Word.Row(400, Head($"二、入户抽查（随机抽取{v.Samples.Count}户，种子{v.SampleSeed}）", 0, 5)));
        t.Append(Word.Row(400, Head("序号", 0), Head("户主（村）", 1), Head("抽查情况", 2), Head("结论", 3), Head("备注", 4)));
        foreach (var s in v.Samples)
        {
            t.Append(Word.Row(null, Value(Word.Num(s.Seq), 0), Left($"{s.HeadName}（{s.VillageName}）", 1), Left(s.Finding, 2), Value(s.SatisfactoryLabel, 3), Value("", 4)));
        }
        if (v.Samples.Count == 0)
        {
            t.Append(Word.Row(400, Value("尚未抽取", 0, 5)));
        }
        t.Append(Word.Row(600, Head("三、检查验收结论", 0, 2), Left($"{v.Result}\n{v.Findings}", 2, 3)));
        t.Append(Word.Row(400, Head("四、整改事项", 0, 5)));
        t.Append(Word.Row(400, Head("序号", 0), Head("整改内容", 1, 2), Head("期限", 3), Head("责任人（办理情况）", 4)));
        n = 0;
        foreach (var r in v.Rectifications)
        {
            t.Append(Word.Row(null, Value(Word.Num(++n), 0), Left(r.Text, 1, 2), Value(r.DueOn, 3), Left($"{r.OwnerName}（{r.State}）", 4)));
        }
        if (v.Rectifications.Count == 0)
        {
            t.Append(Word.Row(400, Value("无", 0, 5)));
        }
        t.Append(Word.Row(1400,
            Left("检查人员（签字）：\n\n\n　　　　　　　　年　　月　　日", 0, 3),
            Left("区委组织部、区残联（盖章）\n\n\n　　　　　年　　月　　日", 3, 2)));

        return Word.Document(
        [
            Word.Para($"{v.DistrictName}{v.Year}年“党员扶残 温暖同行”项目检查验收表", 32, bold: true, JustificationValues.Center, after: 60, font: "方正小标宋简体"),
            Word.Para($"—— {v.TownName}", 26, false, JustificationValues.Center, after: 120),
            t,
            Word.Para("注：抽查户按系统记录的种子随机抽取，户主姓名已隐去；抽查情况“不符合”的须列入整改事项。", 18, false, JustificationValues.Left),
        ]);
    }
}
