using Tongxing.Web.Documents;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Survey;

/// <summary>Turns a 附件1 row into the same input the form sends, and names the column of each field.</summary>
public static class Attachment1Import
{
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["VillageCode"] = "村（社区）",
        ["Group"] = "村民小组（屯）",
        ["Size"] = "家庭人口",
        ["PerCapitaIncome"] = "人均年纯收入（元）",
        ["Poverty"] = "建档立卡情况",
        ["ProjectType"] = "项目类型",
        ["ProjectDescription"] = "扶持项目",
        ["WillToWork"] = "有无致富愿望",
        ["ProjectFeasible"] = "项目是否可行",
        ["HelperToBe"] = "拟结对帮扶人",
        ["Remarks"] = "备注",
        ["Members"] = "户主姓名",
        ["Name"] = "户主姓名",
        ["Gender"] = "性别",
        ["IdNumber"] = "身份证号码",
        ["CertificateNumber"] = "残疾人证号",
        ["DisabilityCategory"] = "残疾类别",
        ["DisabilityGrade"] = "残疾等级",
        ["LabourAbility"] = "劳动能力",
        ["Phone"] = "联系电话",
    };

    public static string ColumnOf(string field) =>
        Columns.GetValueOrDefault(field[(field.LastIndexOf('.') + 1)..]) ?? field;

    /// <summary>
    /// A registered household as a 附件1 row corrects it: every field 附件1 carries (the household's and its head's) from
    /// the row; what it does not carry — the address and the other members — from the register.
    /// </summary>
    public static HouseholdInput Merge(HouseholdInput register, HouseholdInput row) => new()
    {
        VillageCode = row.VillageCode,
        Group = row.Group,
        Address = register.Address,
        Size = row.Size,
        PerCapitaIncome = row.PerCapitaIncome,
        Poverty = row.Poverty,
        ProjectType = row.ProjectType,
        ProjectDescription = row.ProjectDescription,
        WillToWork = row.WillToWork,
        ProjectFeasible = row.ProjectFeasible,
        HelperToBe = row.HelperToBe,
        Remarks = row.Remarks,
        Members = [.. row.Members.Take(1), .. register.Members.Where(m => m.Relation != Relation.Head)],
    };

    public static HouseholdInput ToInput(SheetRow row, IReadOnlyDictionary<string, Area> villageByName, List<ImportCellError> errors)
    {
        T? Pick<T>(string column, IEnumerable<T> values, Func<T, string> label, string hint) where T : struct
        {
            var text = row[column];
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            foreach (var v in values)
            {
                var l = label(v);
                if (l == text || (l.Length > 2 && l.StartsWith(text, StringComparison.Ordinal) && text.Length >= 2))
                {
                    return v;
                }
            }
            errors.Add(new ImportCellError(column, $"“{text}”无法识别，应填写：{hint}"));
            return null;
        }

        bool? YesNo(string column)
        {
            var text = row[column];
            return text switch
            {
                null or "" => null,
                "是" or "有" or "可行" => true,
                "否" or "无" or "不可行" => false,
                _ => Fail(column, $"“{text}”无法识别，应填写“是”或“否”"),
            };
        }

        bool? Fail(string column, string message)
        {
            errors.Add(new ImportCellError(column, message));
            return null;
        }

        foreach (var lost in row.StoredAsLongNumber)
        {
            errors.Add(new ImportCellError(lost, "该单元格被 Excel 存成了数字，长号码的末几位已丢失；请把此列设为“文本”格式后重新填写"));
        }

        string? villageCode = null;
        var villageName = row["村（社区）"];
        if (string.IsNullOrWhiteSpace(villageName))
        {
            errors.Add(new ImportCellError("村（社区）", "请填写村（社区）名称"));
        }
        else if (villageByName.TryGetValue(villageName, out var village))
        {
            villageCode = village.Code;
        }
        else
        {
            errors.Add(new ImportCellError("村（社区）", $"“{villageName}”不是您管辖范围内的村（社区），请填写系统中的全称（如“洛满村委会”）"));
        }

        int? size = null;
        if (!string.IsNullOrWhiteSpace(row["家庭人口"]))
        {
            if (int.TryParse(row["家庭人口"]!.Replace("人", "", StringComparison.Ordinal), out var n))
            {
                size = n;
            }
            else
            {
                errors.Add(new ImportCellError("家庭人口", $"“{row["家庭人口"]}”不是整数"));
            }
        }

        // A certificate named as another member's ("证号（姓名，关系）", as the export writes it): the row's certificate,
        // category and grade are that member's, not the head's; a registered household keeps its members as they are.
        var heldByOther = DisabledPerson.HolderNamedIn(row["残疾人证号"], row["身份证号码"]) is not null;
        int? grade = null;
        var gradeText = heldByOther ? null : row["残疾等级"];
        if (!string.IsNullOrWhiteSpace(gradeText))
        {
            var g = Enumerable.Range(1, 4).FirstOrDefault(i => Labels.Grade(i) == gradeText || i.ToString(System.Globalization.CultureInfo.InvariantCulture) == gradeText.TrimEnd('级'));
            if (g == 0)
            {
                errors.Add(new ImportCellError("残疾等级", $"“{gradeText}”无法识别，应填写一级至四级"));
            }
            else
            {
                grade = g;
            }
        }

        var remarks = row["备注"];
        if (remarks is not null && remarks.StartsWith("备选", StringComparison.Ordinal))
        {
            remarks = remarks[2..].TrimStart('；', ';', ' ');
        }

        return new HouseholdInput
        {
            VillageCode = villageCode,
            Group = row["村民小组（屯）"],
            Size = size,
            PerCapitaIncome = row["人均年纯收入（元）"],
            Poverty = Pick("建档立卡情况", Enum.GetValues<PovertyStatus>(), Labels.Of, "建档立卡贫困户、建档立卡已脱贫户或非建档立卡户"),
            ProjectType = Pick("项目类型", Enum.GetValues<ProjectType>(), Labels.Of, "种植、养殖、加工、商贸、服务或其他"),
            ProjectDescription = row["扶持项目"],
            WillToWork = YesNo("有无致富愿望"),
            ProjectFeasible = YesNo("项目是否可行"),
            HelperToBe = row["拟结对帮扶人"],
            Remarks = string.IsNullOrWhiteSpace(remarks) ? null : remarks,
            Members =
            [
                new MemberInput
                {
                    Name = row["户主姓名"],
                    Gender = Pick("性别", Enum.GetValues<Gender>(), Labels.Of, "男或女"),
                    IdNumber = row["身份证号码"],
                    Relation = Relation.Head,
                    CertificateNumber = heldByOther ? null : DisabledPerson.NumberIn(row["残疾人证号"]) is { Length: > 0 } number ? number : null,
                    DisabilityCategory = heldByOther ? null : Pick("残疾类别", Enum.GetValues<DisabilityCategory>(), Labels.Of, "视力、听力、言语、肢体、智力、精神或多重残疾"),
                    DisabilityGrade = grade,
                    LabourAbility = Pick("劳动能力", Enum.GetValues<LabourAbility>(), Labels.Of, "劳动能力较强、有一定劳动能力、劳动能力弱或无劳动能力"),
                    Phone = row["联系电话"],
                },
            ],
        };
    }
}
