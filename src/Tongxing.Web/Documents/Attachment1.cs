using System.Globalization;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Documents;

/// <summary>One row of 附件1 帮扶对象汇总表: a household and its candidate (the head), as the offices fill it in.</summary>
public sealed record Attachment1Row(int Number, string Village, string? Group, string Name, string Gender, string IdNumber, string? Certificate,
    string? Category, string? Grade, string Labour, int Size, string Income, string Poverty, string ProjectType, string Project,
    string Will, string Feasible, string? Helper, string? Phone, string? Remarks);

/// <summary>
/// The layout of 附件1, shared by the export and the import so that what one writes the other reads:
/// a title row, a row naming the town and date, the header row, then one row per household.
/// </summary>
public static class Attachment1
{
    public const string Title = "帮扶对象汇总表";
    public const string SheetName = "附件1";

    /// <summary>The columns in order: header text, and width in characters.</summary>
    public static readonly (string Header, double Width)[] Columns =
    [
        ("序号", 6), ("村（社区）", 14), ("村民小组（屯）", 10), ("户主姓名", 10), ("性别", 6), ("身份证号码", 21),
        ("残疾人证号", 25), ("残疾类别", 10), ("残疾等级", 8), ("劳动能力", 14), ("家庭人口", 8), ("人均年纯收入（元）", 14),
        ("建档立卡情况", 16), ("项目类型", 8), ("扶持项目", 22), ("有无致富愿望", 10), ("项目是否可行", 10),
        ("拟结对帮扶人", 12), ("联系电话", 14), ("备注", 20),
    ];

    public static string YesNo(bool? value) => value switch { true => "是", false => "否", _ => "" };

    public static Attachment1Row RowOf(int number, Household h, string villageName)
    {
        var head = h.Members.Single(m => m.Relation == Relation.Head);
        var remarks = string.Join("；", new[] { h.IsReserve ? "备选" : null, h.Remarks }.Where(x => !string.IsNullOrEmpty(x)));
        return new Attachment1Row(number, villageName, h.Group, head.Name, Labels.Of(head.Gender), head.IdNumber, head.CertificateNumber,
            head.DisabilityCategory is { } c ? Labels.Of(c) : null, head.DisabilityGrade is { } g ? Labels.Grade(g) : null,
            Labels.Of(head.LabourAbility), h.Size, (h.PerCapitaIncome.Fen / 100m).ToString("0.00", CultureInfo.InvariantCulture),
            Labels.Of(h.Poverty), Labels.Of(h.ProjectType), h.ProjectDescription, YesNo(h.WillToWork), YesNo(h.ProjectFeasible),
            h.HelperToBe, head.Phone, remarks.Length == 0 ? null : remarks);
    }

    public static object?[] Cells(Attachment1Row r) =>
    [
        r.Number, r.Village, r.Group, r.Name, r.Gender, r.IdNumber, r.Certificate, r.Category, r.Grade, r.Labour, r.Size, r.Income,
        r.Poverty, r.ProjectType, r.Project, r.Will, r.Feasible, r.Helper, r.Phone, r.Remarks,
    ];
}
