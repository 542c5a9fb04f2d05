namespace Tongxing.Web.Domain;

/// <summary>One field of a household that a correction changes, named as the 附件1 column names it, with the values as an official reads them.</summary>
public sealed record FieldChange(string Field, string? Old, string? New)
{
    public override string ToString() => $"{Field}：{Old ?? "（空）"} → {New ?? "（空）"}";
}

/// <summary>A household on the register as the form shows it, and what a correction would change in it.</summary>
public static class HouseholdCorrection
{
    /// <summary>The household as the form (or an import) would send it unchanged: head first, then the others by birth.</summary>
    public static HouseholdInput InputOf(Household h) => new()
    {
        VillageCode = h.VillageCode,
        Group = h.Group,
        Address = h.Address,
        Size = h.Size,
        PerCapitaIncome = (h.PerCapitaIncome.Fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        Poverty = h.Poverty,
        ProjectType = h.ProjectType,
        ProjectDescription = h.ProjectDescription,
        WillToWork = h.WillToWork,
        ProjectFeasible = h.ProjectFeasible,
        HelperToBe = h.HelperToBe,
        Remarks = h.Remarks,
        Members = h.Members.OrderBy(m => m.Relation).ThenBy(m => m.BirthDate).Select(m => new MemberInput
        {
            Name = m.Name,
            Gender = m.Gender,
            IdNumber = m.IdNumber,
            Relation = m.Relation,
            CertificateNumber = m.CertificateNumber,
            DisabilityCategory = m.DisabilityCategory,
            DisabilityGrade = m.DisabilityGrade,
            LabourAbility = m.LabourAbility,
            Phone = m.Phone,
        }).ToList(),
    };

    /// <summary>
    /// Each field whose value <paramref name="corrected"/> changes, old → new: the household's own fields and those of
    /// its members (the head's under the 附件1 column names; another member's under its relation and name). Empty when nothing changes.
    /// </summary>
    public static IReadOnlyList<FieldChange> Changes(Household h, HouseholdDetails corrected)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, string? old, string? @new)
        {
            old = string.IsNullOrEmpty(old) ? null : old;
            @new = string.IsNullOrEmpty(@new) ? null : @new;
            if (!string.Equals(old, @new, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field, old, @new));
            }
        }

        Compare("村（社区）", h.VillageCode, corrected.Area.VillageCode);
        Compare("村民小组（屯）", h.Group, corrected.Group);
        Compare("住址", h.Address, corrected.Address);
        Compare("家庭人口", h.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), corrected.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("人均年纯收入（元）", h.PerCapitaIncome.ToYuanString(), corrected.Income.ToYuanString());
        Compare("建档立卡情况", Labels.Of(h.Poverty), Labels.Of(corrected.Poverty));
        Compare("项目类型", Labels.Of(h.ProjectType), Labels.Of(corrected.ProjectType));
        Compare("扶持项目", h.ProjectDescription, corrected.ProjectDescription);
        Compare("有无致富愿望", YesNo(h.WillToWork), YesNo(corrected.WillToWork));
        Compare("项目是否可行", YesNo(h.ProjectFeasible), YesNo(corrected.ProjectFeasible));
        Compare("拟结对帮扶人", h.HelperToBe, corrected.HelperToBe);
        Compare("备注", h.Remarks, corrected.Remarks);

        var before = h.Members.ToDictionary(m => m.IdNumber, StringComparer.Ordinal);
        foreach (var m in corrected.Members)
        {
            var prefix = m.Relation == Relation.Head ? "" : $"{Labels.Of(m.Relation)}{m.Name}的";
            if (!before.Remove(m.IdNumber, out var old))
            {
                Compare("家庭成员", null, $"{Labels.Of(m.Relation)}{m.Name}");
                continue;
            }
            Compare(m.Relation == Relation.Head ? "户主姓名" : prefix + "姓名", old.Name, m.Name);
            Compare(prefix + "与户主关系", Labels.Of(old.Relation), Labels.Of(m.Relation));
            Compare(prefix + "性别", Labels.Of(old.Gender), Labels.Of(m.Gender));
            Compare(prefix + "残疾人证号", old.CertificateNumber, m.CertificateNumber);
            Compare(prefix + "残疾类别", old.DisabilityCategory is { } c ? Labels.Of(c) : null, m.DisabilityCategory is { } c2 ? Labels.Of(c2) : null);
            Compare(prefix + "残疾等级", old.DisabilityGrade is { } g ? Labels.Grade(g) : null, m.DisabilityGrade is { } g2 ? Labels.Grade(g2) : null);
            Compare(prefix + "劳动能力", Labels.Of(old.LabourAbility), Labels.Of(m.LabourAbility));
            Compare(prefix + "联系电话", old.Phone, m.Phone);
        }
        foreach (var gone in before.Values)
        {
            Compare("家庭成员", $"{Labels.Of(gone.Relation)}{gone.Name}", null);
        }
        return changes;
    }

    private static string? YesNo(bool? value) => value switch { true => "是", false => "否", _ => null };
}
