using DocumentFormat.OpenXml.Wordprocessing;

namespace Tongxing.Web.Documents;

/// <summary>One follow-up action as the minutes print it.</summary>
public sealed record MinutesAction(string Text, string Owner, string DueOn, string State);

/// <summary>Everything 联席会议纪要 prints.</summary>
public sealed record MinutesForm(string District, string On, string? Place, string Departments, string Attendees, string Topics, string Decisions,
    IReadOnlyList<MinutesAction> Actions);

/// <summary>
/// 联席会议纪要 as a Word document on A4: the meeting's date, place, departments and attendees, its topics and decisions,
/// a table of the follow-up actions (事项、责任人、办结期限、状态) and a box for the signatures and seals of the departments.
/// </summary>
public static class MeetingMinutesDocument
{
    private static readonly int[] Grid = [700, 3944, 1700, 1500, 1000];

    public static byte[] Docx(MinutesForm f)
    {
        const int small = 22;
        var head = Word.Table([1600, 7244]);
        TableCell Label(string text) => Word.Cell(text, 1600, bold: true, halfPoints: small);
        TableCell Value(string text) => Word.Cell(text, 7244, align: JustificationValues.Left, halfPoints: small);
        head.Append(Word.Row(420, Label("会议时间"), Value(f.On)));
        head.Append(Word.Row(420, Label("会议地点"), Value(f.Place ?? "")));
        head.Append(Word.Row(420, Label("参会部门"), Value(f.Departments)));
        head.Append(Word.Row(600, Label("参会人员"), Value(f.Attendees)));
        head.Append(Word.Row(900, Label("会议议题"), Value(f.Topics)));
        head.Append(Word.Row(1200, Label("议定事项"), Value(f.Decisions.Length == 0 ? "无" : f.Decisions)));

        var actions = Word.Table(Grid);
        TableCell H(string text, int col) => Word.Cell(text, Grid[col], bold: true, halfPoints: 20);
        TableCell C(string text, int col, JustificationValues? align = null) => Word.Cell(text, Grid[col], align: align, halfPoints: 20);
        actions.Append(Word.Row(400, H("序号", 0), H("督办事项", 1), H("责任人", 2), H("办结期限", 3), H("状态", 4)));
        var n = 0;
        foreach (var a in f.Actions)
        {
            n++;
            actions.Append(Word.Row(400, C(Word.Num(n), 0), C(a.Text, 1, JustificationValues.Left), C(a.Owner, 2), C(a.DueOn, 3), C(a.State, 4)));
        }
        if (n == 0)
        {
            actions.Append(Word.Row(400, Word.Cell("本次会议无督办事项", Grid.Sum(), span: 5, halfPoints: 20)));
        }

        var sign = Word.Table([2948, 2948, 2948]);
        TableCell Seal(string who) => Word.Cell($"{who}\n\n\n（盖章）\n　　年　　月　　日", 2948, halfPoints: 20);
        sign.Append(Word.Row(1500, Seal("区委组织部"), Seal("区财政局"), Seal("区残联")));

        return Word.Document(
        [
            Word.Para($"{f.District}“党员扶残 温暖同行”活动", 28, false, JustificationValues.Center, font: "黑体"),
            Word.Para("联席会议纪要", 40, true, JustificationValues.Center, after: 200, font: "方正小标宋简体"),
            head,
            Word.Para("会议议定的督办事项", 24, true, JustificationValues.Left, after: 60, font: "黑体"),
            actions,
            Word.Para("参会部门签字（盖章）", 24, true, JustificationValues.Left, after: 60, font: "黑体"),
            sign,
        ]);
    }
}
