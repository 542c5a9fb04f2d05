namespace Tongxing.Web.Domain;

/// <summary>What an office records as a household's outcome (帮扶成效), once checked.</summary>
public sealed record OutcomeDetails(string? Skill1, string? Skill2, ProjectProgress Progress, string? FailureReason, long IncomeAtStartFen,
    long? IncomeLatestFen, DateOnly? IncomeLatestOn);

/// <summary>How far a household has come (脱贫进展), as the follow-up record says it plainly.</summary>
public sealed record OutcomeProgress(long? ChangeFen, bool? AboveThreshold, string Text);

/// <summary>
/// The rules of 帮扶成效 that need no database. Skills: at most the programme's <see cref="Programme.MaxSkills"/>
/// (the record holds two); at least <see cref="Programme.MinSkills"/> once the project yields (已见效益, 稳定增收) —
/// before that, skills still being learned may be left empty. A failed project needs its reason. Income at the start
/// is required (the form fills it from the survey); the latest income goes with the day it was checked, never in the
/// future and not before the start of the programme's year.
/// </summary>
public static class OutcomeRules
{
    public const int RecordedSkills = 2;

    public static (OutcomeDetails? Details, Result Result) Check(string? skill1, string? skill2, string? progress, string? failureReason,
        string? incomeAtStart, string? incomeLatest, string? incomeLatestOn, int minSkills, int maxSkills, int programmeYear, DateOnly today)
    {
        var errors = new List<FieldError>();
        var skills = new[] { (Value: skill1, Field: "Skill1"), (Value: skill2, Field: "Skill2") }
            .Select(s => (Value: Skill(s.Value, s.Field, errors), s.Field)).ToList();
        var named = skills.Where(s => s.Value is not null).Select(s => s.Value!).ToList();
        if (named.Count == 2 && named[0] == named[1])
        {
            errors.Add(new FieldError("Skill2", "两项实用技术不能相同"));
        }
        var max = Math.Min(maxSkills, RecordedSkills);
        if (named.Count > max)
        {
            errors.Add(new FieldError("Skill2", $"每户登记的实用技术至多{max}项"));
        }
        ProjectProgress? p = Enum.TryParse<ProjectProgress>(progress?.Trim(), true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        if (p is null)
        {
            errors.Add(new FieldError("Progress", "请选择项目进展：未启动、实施中、已见效益、稳定增收或项目失败"));
        }
        var min = Math.Min(minSkills, max);
        if (p is ProjectProgress.ProducingIncome or ProjectProgress.Stable && named.Count < min)
        {
            errors.Add(new FieldError("Skill1", $"项目已见效益，请填写该户掌握的致富实用技术（至少{min}项）"));
        }
        string? reason = null;
        if (p == ProjectProgress.Failed)
        {
            reason = ReceiptRules.Text(failureReason, "FailureReason", "项目失败的原因", HouseholdOutcome.MaxReasonLength, errors);
        }
        var start = Amount(incomeAtStart, "IncomeAtStart", "帮扶前人均年收入", required: true, errors);
        var latest = Amount(incomeLatest, "IncomeLatest", "最近人均年收入", required: false, errors);
        DateOnly? latestOn = null;
        if (latest is not null || !string.IsNullOrWhiteSpace(incomeLatestOn))
        {
            latestOn = ReceiptRules.Date(incomeLatestOn, "IncomeLatestOn", "最近收入的核实日期", today, errors);
            if (latestOn is { } d && d.Year < programmeYear)
            {
                errors.Add(new FieldError("IncomeLatestOn", $"最近收入的核实日期不能早于{programmeYear}年"));
            }
            if (latest is null && latestOn is not null)
            {
                errors.Add(new FieldError("IncomeLatest", "填写了核实日期，请同时填写最近人均年收入"));
            }
        }
        if (errors.Count > 0)
        {
            return (null, Result.Refused(errors));
        }
        return (new OutcomeDetails(skills[0].Value ?? skills[1].Value, skills[0].Value is null ? null : skills[1].Value, p!.Value, reason, start!.Value, latest, latestOn), Result.Ok);
    }

    /// <summary>
    /// 脱贫进展 said plainly: the change of per-capita income since the start, and whether the latest is at or above the
    /// programme's priority line (重点扶持收入线) — the line below which a household was a priority case at screening.
    /// </summary>
    public static OutcomeProgress Progress(long? startFen, long? latestFen, Money threshold)
    {
        if (startFen is not { } s || latestFen is not { } l)
        {
            return new OutcomeProgress(null, null, "尚未登记最近收入");
        }
        var change = l - s;
        var changeText = change == 0 ? "人均年收入与帮扶前持平" : change > 0 ? $"人均年收入比帮扶前增加{new Money(change)}" : $"人均年收入比帮扶前减少{new Money(-change)}";
        if (threshold.Fen <= 0)
        {
            return new OutcomeProgress(change, null, changeText);
        }
        var above = l >= threshold.Fen;
        return new OutcomeProgress(change, above, changeText + (above ? $"，不低于重点扶持收入线（{threshold}）" : $"，仍低于重点扶持收入线（{threshold}）"));
    }

    private static string? Skill(string? value, string field, List<FieldError> errors)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            return null;
        }
        if (PlainText.HasInvisible(v))
        {
            errors.Add(new FieldError(field, "实用技术名称含有不可见的控制字符，请重新输入"));
            return null;
        }
        if (v.Length > HouseholdOutcome.MaxSkillLength)
        {
            errors.Add(new FieldError(field, $"实用技术名称不能超过{HouseholdOutcome.MaxSkillLength}个字"));
            return null;
        }
        return v;
    }

    private static long? Amount(string? value, string field, string label, bool required, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new FieldError(field, $"请填写{label}（元）"));
            }
            return null;
        }
        var m = Money.ParseYuan(value);
        if (!m.Ok)
        {
            errors.Add(new FieldError(field, $"{label}：{m.Error}"));
            return null;
        }
        if (m.Value.Fen > 100_000_000)
        {
            errors.Add(new FieldError(field, $"{label}超出合理范围（至多1,000,000元）"));
            return null;
        }
        return m.Value.Fen;
    }
}
