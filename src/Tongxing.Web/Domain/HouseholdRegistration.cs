using System.Text.RegularExpressions;

namespace Tongxing.Web.Domain;

/// <summary>A household as typed on the form or sent to the API, before any check.</summary>
public sealed class HouseholdInput
{
    public string? VillageCode { get; set; }
    public string? Group { get; set; }
    public string? Address { get; set; }
    public int? Size { get; set; }
    /// <summary>Per-capita annual net income in yuan, as typed (e.g. "4800" or "4,999.50").</summary>
    public string? PerCapitaIncome { get; set; }
    public PovertyStatus? Poverty { get; set; }
    public ProjectType? ProjectType { get; set; }
    public string? ProjectDescription { get; set; }
    /// <summary>有致富愿望 (the candidate wants to work and get rich).</summary>
    public bool? WillToWork { get; set; }
    /// <summary>The village's assessment that the project is feasible (可行性项目).</summary>
    public bool? ProjectFeasible { get; set; }
    public string? HelperToBe { get; set; }
    public string? Remarks { get; set; }
    public List<MemberInput> Members { get; set; } = [];
}

public sealed class MemberInput
{
    public string? Name { get; set; }
    public Gender? Gender { get; set; }
    public string? IdNumber { get; set; }
    public Relation? Relation { get; set; }
    public string? CertificateNumber { get; set; }
    public DisabilityCategory? DisabilityCategory { get; set; }
    public int? DisabilityGrade { get; set; }
    public LabourAbility? LabourAbility { get; set; }
    public string? Phone { get; set; }
}

/// <summary>The rules a household must meet to be put on the register (SPEC §3 data, not yet eligibility).</summary>
public static partial class HouseholdRegistration
{
    public const int MaxMembers = 20;
    private const int MaxNameLength = 30;
    private const int MaxTextLength = 500;

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}\u3400-\u4DBF\p{Cs}·•A-Za-z ]+$")]
    private static partial Regex NamePattern();

    /// <summary>
    /// Checks every field and, when all pass, returns the household's details. Field keys match the form's names
    /// (<c>Input.Members[0].IdNumber</c> without the <c>Input.</c> prefix) so each message shows at its field.
    /// </summary>
    public static (HouseholdDetails? Details, Result Result) Check(HouseholdInput input, AreaPath? area, DateOnly today)
    {
        var errors = new List<FieldError>();
        void Fail(string field, string message) => errors.Add(new FieldError(field, message));

        if (area is null)
        {
            Fail(nameof(input.VillageCode), "请选择本人管辖范围内的村（社区）");
        }
        var group = Text(input.Group, nameof(input.Group), "村民小组（屯）", 30, required: false, errors);
        var address = Text(input.Address, nameof(input.Address), "住址", 100, required: false, errors);
        var description = Text(input.ProjectDescription, nameof(input.ProjectDescription), "项目内容", MaxTextLength, required: true, errors);
        var helper = Text(input.HelperToBe, nameof(input.HelperToBe), "拟结对帮扶人", 50, required: false, errors);
        var remarks = Text(input.Remarks, nameof(input.Remarks), "备注", MaxTextLength, required: false, errors);

        Money income = default;
        var parsedIncome = Money.ParseYuan(input.PerCapitaIncome);
        if (string.IsNullOrWhiteSpace(input.PerCapitaIncome))
        {
            Fail(nameof(input.PerCapitaIncome), "请填写家庭人均年纯收入（元）");
        }
        else if (!parsedIncome.Ok)
        {
            Fail(nameof(input.PerCapitaIncome), "家庭人均年纯收入：" + parsedIncome.Error);
        }
        else
        {
            income = parsedIncome.Value;
        }
        if (input.Poverty is null || !Enum.IsDefined(input.Poverty.Value))
        {
            Fail(nameof(input.Poverty), "请选择建档立卡情况");
        }
        if (input.ProjectType is null || !Enum.IsDefined(input.ProjectType.Value))
        {
            Fail(nameof(input.ProjectType), "请选择扶持项目类型");
        }

        var members = new List<Member>();
        if (input.Members.Count == 0)
        {
            Fail(nameof(input.Members), "请至少登记一名家庭成员（户主）");
        }
        if (input.Members.Count > MaxMembers)
        {
            Fail(nameof(input.Members), $"家庭成员最多登记{MaxMembers}人");
        }
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(input.Members.Count, MaxMembers); i++)
        {
            var member = CheckMember(input.Members[i], $"Members[{i}].", today, seenIds, errors);
            if (member is not null)
            {
                members.Add(member);
            }
        }
        var heads = input.Members.Count(m => m.Relation == Relation.Head);
        if (input.Members.Count > 0 && heads != 1)
        {
            Fail(nameof(input.Members), heads == 0 ? "请指定一名户主（与户主关系选“户主”）" : "一户只能有一名户主");
        }

        if (input.Size is null)
        {
            Fail(nameof(input.Size), "请填写家庭人口数");
        }
        else if (input.Size < 1 || input.Size > 30)
        {
            Fail(nameof(input.Size), "家庭人口数应在1至30人之间");
        }
        else if (input.Size < input.Members.Count)
        {
            Fail(nameof(input.Size), $"家庭人口数（{input.Size}人）不能少于已登记的成员数（{input.Members.Count}人）");
        }

        if (errors.Count > 0)
        {
            return (null, Result.Refused(errors));
        }
        var details = new HouseholdDetails(area!, group, address, input.Size!.Value, income, input.Poverty!.Value, input.ProjectType!.Value,
            description!, input.WillToWork, input.ProjectFeasible, helper, remarks, members);
        return (details, Result.Ok);
    }

    private static Member? CheckMember(MemberInput m, string prefix, DateOnly today, HashSet<string> seenIds, List<FieldError> errors)
    {
        var before = errors.Count;
        void Fail(string field, string message) => errors.Add(new FieldError(prefix + field, message));

        var name = (m.Name ?? "").Trim();
        if (name.Length == 0)
        {
            Fail(nameof(m.Name), "请填写姓名");
        }
        else if (name.Length > MaxNameLength)
        {
            Fail(nameof(m.Name), $"姓名不能超过{MaxNameLength}个字");
        }
        else if (!NamePattern().IsMatch(name))
        {
            Fail(nameof(m.Name), "姓名只能包含汉字、字母和间隔号“·”");
        }

        ResidentId? id = null;
        var parsedId = ResidentId.Parse(m.IdNumber);
        if (!parsedId.Ok)
        {
            Fail(nameof(m.IdNumber), parsedId.Error!);
        }
        else if (parsedId.Value!.BirthDate > today)
        {
            Fail(nameof(m.IdNumber), $"身份证号码中的出生日期{parsedId.Value.BirthDate:yyyy年M月d日}晚于今天");
        }
        else if (!seenIds.Add(parsedId.Value.Value))
        {
            Fail(nameof(m.IdNumber), "同一户内身份证号码重复");
        }
        else
        {
            id = parsedId.Value;
        }

        if (m.Gender is null || !Enum.IsDefined(m.Gender.Value))
        {
            Fail(nameof(m.Gender), "请选择性别");
        }
        else if (id is not null && id.Gender != m.Gender)
        {
            Fail(nameof(m.Gender), $"性别与身份证号码不符（号码第17位表示{Labels.Of(id.Gender)}性）");
        }
        if (m.Relation is null || !Enum.IsDefined(m.Relation.Value))
        {
            Fail(nameof(m.Relation), "请选择与户主关系");
        }
        if (m.LabourAbility is null || !Enum.IsDefined(m.LabourAbility.Value))
        {
            Fail(nameof(m.LabourAbility), "请选择劳动能力");
        }

        DisabilityCertificate? certificate = null;
        if (!string.IsNullOrWhiteSpace(m.CertificateNumber) && id is not null)
        {
            var parsed = DisabilityCertificate.Parse(m.CertificateNumber, id);
            if (!parsed.Ok)
            {
                Fail(nameof(m.CertificateNumber), parsed.Error!);
            }
            else
            {
                certificate = parsed.Value;
                if (m.DisabilityCategory is not null && m.DisabilityCategory != certificate!.Category)
                {
                    Fail(nameof(m.DisabilityCategory), $"残疾类别与残疾人证号不符（证号显示为{Labels.Of(certificate.Category)}）");
                }
                if (m.DisabilityGrade is not null && m.DisabilityGrade != certificate!.Grade)
                {
                    Fail(nameof(m.DisabilityGrade), $"残疾等级与残疾人证号不符（证号显示为{Labels.Grade(certificate.Grade)}）");
                }
            }
        }
        if (m.DisabilityCategory is not null && !Enum.IsDefined(m.DisabilityCategory.Value))
        {
            Fail(nameof(m.DisabilityCategory), "残疾类别应为视力、听力、言语、肢体、智力、精神或多重残疾");
        }
        if (m.DisabilityGrade is not null and (< 1 or > 4))
        {
            Fail(nameof(m.DisabilityGrade), "残疾等级应为一至四级");
        }
        if ((m.DisabilityCategory is null) != (m.DisabilityGrade is null) && certificate is null)
        {
            Fail(m.DisabilityCategory is null ? nameof(m.DisabilityCategory) : nameof(m.DisabilityGrade), "残疾类别和残疾等级应同时填写");
        }

        var phone = (m.Phone ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);
        if (phone.Length > 0 && !PhonePattern().IsMatch(phone))
        {
            Fail(nameof(m.Phone), "联系电话应为11位手机号码或带区号的固定电话（如0772-1234567）");
        }

        if (errors.Count > before)
        {
            return null;
        }
        return new Member(Guid.NewGuid(), name, m.Gender!.Value, id!, m.Relation!.Value, certificate,
            certificate is null ? m.DisabilityCategory : null, certificate is null ? m.DisabilityGrade : null,
            m.LabourAbility!.Value, phone.Length == 0 ? null : phone);
    }

    private static string? Text(string? value, string field, string label, int max, bool required, List<FieldError> errors)
    {
        var s = value?.Trim();
        if (string.IsNullOrEmpty(s))
        {
            if (required)
            {
                errors.Add(new FieldError(field, $"请填写{label}"));
            }
            return null;
        }
        if (s.Length > max)
        {
            errors.Add(new FieldError(field, $"{label}不能超过{max}个字"));
        }
        else if (s.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(new FieldError(field, $"{label}含有不可见的控制字符，请删除后重新填写"));
        }
        return s;
    }
}
