using DocumentFormat.OpenXml.Wordprocessing;

namespace Tongxing.Web.Documents;

public sealed record FormMember(string Name, string Relation, string Gender, string IdNumber, string? Disability, string Labour);

/// <summary>An approval box of the form: the office, its opinion and date when it has acted, blank for signature and seal.</summary>
public sealed record ApprovalBox(string Office, string? Opinion, string? Date);

/// <summary>Everything 附件2 帮扶对象登记表 prints for one household.</summary>
public sealed record RegistrationForm(string Programme, string Town, string Village, string? Group, string Name, string Gender, string BirthDate,
    string IdNumber, string? Certificate, string? Disability, string Labour, string? Phone, string? Address, int Size, string Income, string Poverty,
    string ProjectType, string Project, string? Helper, IReadOnlyList<FormMember> Members, IReadOnlyList<ApprovalBox> Approvals);

/// <summary>附件2 帮扶对象登记表 as a Word document on one A4 page: the person, disability, household, income, project and the approval chain.</summary>
public static class Attachment2Document
{
    private static readonly int[] Grid = [1450, 1250, 800, 1300, 1700, 2300];
    private static int W(int from, int span) => Grid.Skip(from).Take(span).Sum();

    public static byte[] Docx(RegistrationForm f)
    {
        var t = Word.Table(Grid);
        TableCell Label(string text, int from, int span = 1) => Word.Cell(text, W(from, span), span, bold: true, halfPoints: 21);
        TableCell Value(string? text, int from, int span = 1) => Word.Cell(text ?? "", W(from, span), span, halfPoints: 21);

        t.Append(Word.Row(440, Label("姓名", 0), Value(f.Name, 1), Label("性别", 2), Value(f.Gender, 3), Label("出生日期", 4), Value(f.BirthDate, 5)));
        t.Append(Word.Row(440, Label("身份证号码", 0), Value(f.IdNumber, 1, 3), Label("联系电话", 4), Value(f.Phone, 5)));
        t.Append(Word.Row(440, Label("残疾人证号", 0), Value(f.Certificate, 1, 3), Label("残疾类别", 4), Value(f.Disability, 5)));
        t.Append(Word.Row(440, Label("劳动能力", 0), Value(f.Labour, 1, 3), Label("建档立卡", 4), Value(f.Poverty, 5)));
        t.Append(Word.Row(440, Label("家庭住址", 0), Value($"{f.Town}{f.Village}{f.Group}{(string.IsNullOrEmpty(f.Address) ? "" : "（" + f.Address + "）")}", 1, 5)));
        t.Append(Word.Row(440, Label("家庭人口", 0), Value($"{f.Size}人", 1), Label("人均年纯收入", 2, 2), Value($"{f.Income}元", 4, 2)));
        t.Append(Word.Row(440, Label("家庭成员", 0, 6)));
        t.Append(Word.Row(null, Label("姓名", 0), Label("关系", 1), Label("性别", 2), Label("身份证号码", 3, 2), Label("残疾及劳动能力", 5)));
        foreach (var m in f.Members)
        {
            t.Append(Word.Row(400, Value(m.Name, 0), Value(m.Relation, 1), Value(m.Gender, 2), Value(m.IdNumber, 3, 2), Value(string.Join("，", new[] { m.Disability, m.Labour }.Where(x => !string.IsNullOrEmpty(x))), 5)));
        }
        t.Append(Word.Row(560, Label("扶持项目", 0), Value($"{f.ProjectType}：{f.Project}", 1, 5)));
        t.Append(Word.Row(440, Label("拟结对帮扶人", 0), Value(f.Helper ?? "（结对时填写）", 1, 5)));
        t.Append(Word.Row(900, Label("本人申请", 0), Word.Cell("本人自愿申请参加“党员扶残 温暖同行”项目，保证所填信息真实。\n申请人（签字或手印）：　　　　　　　　年　　月　　日", W(1, 5), 5, align: JustificationValues.Left, halfPoints: 21)));
        foreach (var a in f.Approvals)
        {
            // Two lines: the opinion (blank for the pen), then signature, seal and date; the box's height leaves room to write.
            var opinion = a.Opinion is null ? "" : a.Opinion + "（系统记录：" + a.Date + "）";
            t.Append(Word.Row(800, Label(a.Office + "意见", 0),
                Word.Cell($"{opinion}\n负责人签字：　　　　　　（盖章）　　　　年　　月　　日", W(1, 5), 5, align: JustificationValues.Left, halfPoints: 21)));
        }

        return Word.Document(
        [
            Word.Para("附件2", 28, font: "黑体"),
            Word.Para("帮扶对象登记表", 36, bold: true, JustificationValues.Center, after: 120, font: "方正小标宋简体"),
            Word.Para($"{f.Programme}　　{f.Town}{f.Village}", 22, false, JustificationValues.Center, after: 160),
            t,
        ]);
    }
}
