using DocumentFormat.OpenXml.Wordprocessing;

namespace Tongxing.Web.Documents;

/// <summary>Everything 附件3 帮扶协议书 prints for one pairing; the four ways of help are blank lines to fill by hand when not given.</summary>
public sealed record AgreementForm(string District, int Year, string HelperName, string HelperGender, string PartyBranch, string? HelperUnit, string? HelperPost,
    string HelperPhone, string HelperKind, string HeadName, string HeadGender, string HeadIdNumber, string Address, string? Disability, string? HeadPhone,
    string Project, string? HelpProject, string? HelpSkills, string? HelpInformation, string? HelpFunds, string PeriodFrom, string PeriodTo, string VillageBranch);

/// <summary>
/// 附件3 帮扶协议书 as a Word document on one A4 page: the two parties, the household's project, the help promised in
/// each of the four ways (项目、技术、信息、资金), the period, the obligations of both sides, signatures and the branch's seal.
/// </summary>
public static class Attachment3Document
{
    /// <summary>甲方's obligations: the standard wording of the programme's pairing agreements.</summary>
    public static readonly string[] HelperDuties =
    [
        "1. 帮助乙方制定增收计划，落实“帮、包、带、扶”措施；",
        "2. 每月至少走访乙方一次，了解项目进展和困难，记好帮扶日志；",
        "3. 帮助乙方掌握1至2门致富实用技术，提供市场、政策信息；",
        "4. 不截留、挪用乙方的扶持资金，不向乙方索取任何财物。",
    ];

    /// <summary>乙方's obligations.</summary>
    public static readonly string[] HouseholdDuties =
    [
        "1. 扶持资金专款专用于约定的扶持项目，不挪作他用；",
        "2. 积极参加技术培训，接受帮扶，勤劳肯干、自力更生；",
        "3. 如实反映项目进展、家庭收入和困难，配合做好回访。",
    ];

    private static readonly int[] Grid = [1300, 3000, 1300, 3244];

    public static byte[] Docx(AgreementForm f)
    {
        const int small = 20;
        var t = Word.Table(Grid);
        TableCell Label(string text, int col, int span = 1) => Word.Cell(text, Grid.Skip(col).Take(span).Sum(), span, bold: true, halfPoints: small);
        TableCell Value(string? text, int col, int span = 1) => Word.Cell(text ?? "", Grid.Skip(col).Take(span).Sum(), span, halfPoints: small);
        TableCell Left(string text, int col, int span) => Word.Cell(text, Grid.Skip(col).Take(span).Sum(), span, align: JustificationValues.Left, halfPoints: small);
        const string blank = "＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿";
        string Help(string? text) => string.IsNullOrWhiteSpace(text) ? blank : text;

        t.Append(Word.Row(360, Label("甲方（帮扶人）", 0, 4)));
        t.Append(Word.Row(360, Label("姓名", 0), Value($"{f.HelperName}（{f.HelperGender}）", 1), Label("类别", 2), Value(f.HelperKind, 3)));
        t.Append(Word.Row(360, Label("所在党支部", 0), Value(f.PartyBranch, 1), Label("联系电话", 2), Value(f.HelperPhone, 3)));
        t.Append(Word.Row(360, Label("单位及职务", 0), Value(string.Join(" ", new[] { f.HelperUnit, f.HelperPost }.Where(x => !string.IsNullOrEmpty(x))), 1, 3)));
        t.Append(Word.Row(360, Label("乙方（帮扶对象户主）", 0, 4)));
        t.Append(Word.Row(360, Label("姓名", 0), Value($"{f.HeadName}（{f.HeadGender}）", 1), Label("身份证号", 2), Value(f.HeadIdNumber, 3)));
        t.Append(Word.Row(360, Label("残疾情况", 0), Value(f.Disability ?? "", 1), Label("联系电话", 2), Value(f.HeadPhone ?? "", 3)));
        t.Append(Word.Row(360, Label("家庭住址", 0), Value(f.Address, 1, 3)));
        t.Append(Word.Row(420, Label("扶持项目", 0), Left(f.Project, 1, 3)));
        t.Append(Word.Row(null, Label("帮扶内容", 0),
            Left($"项目帮扶：{Help(f.HelpProject)}\n技术帮扶：{Help(f.HelpSkills)}\n信息帮扶：{Help(f.HelpInformation)}\n资金帮扶：{Help(f.HelpFunds)}", 1, 3)));
        t.Append(Word.Row(360, Label("帮扶期限", 0), Left($"自{f.PeriodFrom}起至{f.PeriodTo}止", 1, 3)));
        t.Append(Word.Row(null, Label("甲方义务", 0), Left(string.Join("\n", HelperDuties), 1, 3)));
        t.Append(Word.Row(null, Label("乙方义务", 0), Left(string.Join("\n", HouseholdDuties), 1, 3)));
        t.Append(Word.Row(900,
            Left("甲方（签字）：\n\n　　　　　　　　　年　　月　　日", 0, 2),
            Left("乙方（签字或手印）：\n\n　　　　　　　　　年　　月　　日", 2, 2)));
        t.Append(Word.Row(950, Label("村党组织\n意见", 0),
            Left($"\n负责人签字：　　　　　　　　{f.VillageBranch}（盖章）\n　　　　　　　　　　　　　　　　　　　年　　月　　日", 1, 3)));

        return Word.Document(
        [
            Word.Para("附件3", 28, font: "黑体"),
            Word.Para($"{f.District}{f.Year}年开展扶贫（帮扶）协议书", 34, bold: true, JustificationValues.Center, after: 80, font: "方正小标宋简体"),
            Word.Para("为深入开展“党员扶残 温暖同行”活动，经村（社区）党组织安排，甲乙双方本着自愿、互助的原则，结成帮扶对子，签订本协议。", small, false, JustificationValues.Left, after: 80),
            t,
            Word.Para("本协议一式三份，甲乙双方及村（社区）党组织各执一份，由乡镇党委汇总报区。", 18, false, JustificationValues.Left),
        ]);
    }
}
