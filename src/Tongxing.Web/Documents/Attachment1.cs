using System.Globalization;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Documents;

/// <summary>
/// One row of 附件1 帮扶对象汇总表: a household and its candidate (the head), as the offices fill it in, and — in an
/// export only — where it stands: its screening result, status and whether the town put it forward as a reserve (备选).
/// <see cref="Income"/> is in yuan (<c>4800.00</c>); it is written as a number cell whenever it is a number.
/// </summary>
public sealed record Attachment1Row(int Number, string Village, string? Group, string Name, string Gender, string IdNumber, string? Certificate,
    string? Category, string? Grade, string Labour, int Size, string Income, string Poverty, string ProjectType, string Project,
    string Will, string Feasible, string? Helper, string? Phone, string? Remarks, string? Screening = null, string? Status = null, string? Reserve = null);

/// <summary>
/// The layout of 附件1, shared by the export and the import so that what one writes the other reads:
/// a title row, a row naming the town and date, the header row, one row per household, and a total row. The columns
/// 筛查结果, 当前状态 and 备选 are the register's, for the district to read: an import ignores them.
/// </summary>
public static class Attachment1
{
    public const string Title = "帮扶对象汇总表";
    public const string SheetName = "附件1";

    /// <summary>The columns in order, with the field of <see cref="Attachment1Row"/> each shows.</summary>
    public static readonly FormColumn[] Columns =
    [
        new("序号", 5, nameof(Attachment1Row.Number), Centered: true), new("村（社区）", 15, nameof(Attachment1Row.Village)),
        new("村民小组（屯）", 8, nameof(Attachment1Row.Group), Centered: true), new("户主姓名", 8, nameof(Attachment1Row.Name), Centered: true, Total: new("COUNT({1})", "0\"户\"")),
        new("性别", 5, nameof(Attachment1Row.Gender), Centered: true), new("身份证号码", 20, nameof(Attachment1Row.IdNumber), Text: true),
        new("残疾人证号", 23, nameof(Attachment1Row.Certificate), Text: true), new("残疾类别", 9, nameof(Attachment1Row.Category), Centered: true),
        new("残疾等级", 7, nameof(Attachment1Row.Grade), Centered: true), new("劳动能力", 15, nameof(Attachment1Row.Labour)),
        new("家庭人口", 5, nameof(Attachment1Row.Size), Centered: true, Total: new("SUM({0})", "0\"人\"")),
        new("人均年纯收入（元）", 11, nameof(Attachment1Row.Income), Amount: true, Total: new("IFERROR(AVERAGE({0}),\"\")", "\"平均\"0.00")),
        new("建档立卡情况", 17, nameof(Attachment1Row.Poverty)), new("项目类型", 5, nameof(Attachment1Row.ProjectType), Centered: true),
        new("扶持项目", 22, nameof(Attachment1Row.Project)), new("有无致富愿望", 6, nameof(Attachment1Row.Will), Centered: true),
        new("项目是否可行", 6, nameof(Attachment1Row.Feasible), Centered: true), new("拟结对帮扶人", 8, nameof(Attachment1Row.Helper), Centered: true),
        new("联系电话", 13, nameof(Attachment1Row.Phone), Text: true), new("筛查结果", 10, nameof(Attachment1Row.Screening), Centered: true),
        new("当前状态", 12, nameof(Attachment1Row.Status), Centered: true), new("备选", 4, nameof(Attachment1Row.Reserve), Centered: true),
        new("备注", 14, nameof(Attachment1Row.Remarks)),
    ];

    public const string Footer = "填表人：                    审核人：                    联系电话：                    填报单位（盖章）：";

    public static string YesNo(bool? value) => value switch { true => "是", false => "否", _ => "" };

    public static Attachment1Row RowOf(int number, Household h, string villageName)
    {
        var head = h.Members.Single(m => m.Relation == Relation.Head);
        // The disabled person's certificate, named when it is not the head's (the import reads it back as such).
        var disabled = DisabledPerson.Of(h.Members) ?? head;
        return new Attachment1Row(number, villageName, h.Group, head.Name, Labels.Of(head.Gender), head.IdNumber, DisabledPerson.Whose(disabled.CertificateNumber, disabled),
            disabled.DisabilityCategory is { } c ? Labels.Of(c) : null, disabled.DisabilityGrade is { } g ? Labels.Grade(g) : null,
            Labels.Of(head.LabourAbility), h.Size, (h.PerCapitaIncome.Fen / 100m).ToString("0.00", CultureInfo.InvariantCulture),
            Labels.Of(h.Poverty), Labels.Of(h.ProjectType), h.ProjectDescription, YesNo(h.WillToWork), YesNo(h.ProjectFeasible),
            h.HelperToBe, head.Phone, h.Remarks, h.Screening is { } s ? Labels.Of(s) : "未筛查", Labels.Of(h.Status), h.IsReserve ? "是" : null);
    }

    public static object?[] Cells(Attachment1Row r) =>
    [
        r.Number, r.Village, r.Group, r.Name, r.Gender, r.IdNumber, r.Certificate, r.Category, r.Grade, r.Labour, r.Size, Amount(r.Income),
        r.Poverty, r.ProjectType, r.Project, r.Will, r.Feasible, r.Helper, r.Phone, r.Screening, r.Status, r.Reserve, r.Remarks,
    ];

    /// <summary>An amount as a number (Excel sums it); text that is not one stays text (a file being filled in may hold anything).</summary>
    private static object? Amount(string? yuan) =>
        decimal.TryParse(yuan, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : yuan;

    /// <summary>The row as the template's <c>{{Rows.Field}}</c> placeholders name its cells.</summary>
    public static IReadOnlyDictionary<string, object?> Fields(Attachment1Row r) =>
        Columns.Zip(Cells(r)).ToDictionary(x => x.First.Field, x => x.Second);
}
