using System.Globalization;
using System.Text.Json;

namespace Tongxing.Web.Domain;

/// <summary>One line of a report's figures table: what is counted, the number, its unit (元 lines hold fen).</summary>
public sealed record FigureRow(string Group, string Label, long Value, string Unit)
{
    public const string Yuan = "元";

    /// <summary>The value as printed: yuan with two decimals for money, otherwise the whole number.</summary>
    public string Shown => Unit == Yuan
        ? (Value / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture)
        : Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What is counted for a town's report over its period (households, funds, pairings, support, visits, outcomes).</summary>
public sealed record FigureCounts(
    int Quota, int Registered, int Accepted, int Filed, int Paid, int Paired,
    long AllocatedFen, long PaidFen, int Receipted,
    int LivePairings, int AgreementsSigned, int Helpers,
    int SupportLogs, long SupportMoneyFen,
    int ReturnVisits, int VisitsOverdueNow,
    int SkilledHouseholds, IReadOnlyDictionary<ProjectProgress, int> Projects, int AboveThreshold, long ThresholdFen);

/// <summary>
/// A town report's figures table (季度反馈 / 年度总结 数据表): read live while the report is a draft, frozen as JSON when
/// it is submitted (ADR 0030). Pure: built from counts, no database.
/// </summary>
public sealed record TownReportFigures(DateOnly From, DateOnly To, DateOnly CountedOn, IReadOnlyList<FigureRow> Rows)
{
    /// <summary>What the table's counts mean in time: which are at the period's end, which as of the day counted.</summary>
    public string Note =>
        $"统计期间：{From:yyyy年M月d日}至{To:yyyy年M月d日}；统计日：{CountedOn:yyyy年M月d日}。" +
        "已发放、已结对、资金、结对、帮扶日志、回访按期末（或期间内）的记录统计；任务数、已登记、已确定、已建档、签收、帮扶成效与逾期未回访按统计日的现状统计。";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly ProjectProgress[] ProgressOrder =
        [ProjectProgress.NotStarted, ProjectProgress.UnderWay, ProjectProgress.ProducingIncome, ProjectProgress.Stable, ProjectProgress.Failed];

    public static TownReportFigures Of(FigureCounts c, DateOnly from, DateOnly to, DateOnly countedOn)
    {
        var rows = new List<FigureRow>
        {
            new("对象户", "任务数", c.Quota, "户"),
            new("对象户", "已登记", c.Registered, "户"),
            new("对象户", "区残联审核确定", c.Accepted, "户"),
            new("对象户", "已建档", c.Filed, "户"),
            new("对象户", "已发放扶持资金", c.Paid, "户"),
            new("对象户", "已结对帮扶", c.Paired, "户"),
            new("扶持资金", "下拨到镇", c.AllocatedFen, FigureRow.Yuan),
            new("扶持资金", "发放到户", c.PaidFen, FigureRow.Yuan),
            new("扶持资金", "已签收", c.Receipted, "户"),
            new("结对帮扶", "在结对子", c.LivePairings, "对"),
            new("结对帮扶", "已签协议", c.AgreementsSigned, "份"),
            new("结对帮扶", "帮扶人", c.Helpers, "人"),
            new("帮扶活动", "帮扶日志", c.SupportLogs, "条"),
            new("帮扶活动", "帮扶资金物资折款", c.SupportMoneyFen, FigureRow.Yuan),
            new("回访", "定期回访", c.ReturnVisits, "次"),
            new("回访", "逾期未回访", c.VisitsOverdueNow, "户"),
            new("帮扶成效", "掌握实用技术", c.SkilledHouseholds, "户"),
        };
        foreach (var p in ProgressOrder)
        {
            rows.Add(new("帮扶成效", "项目" + ProgressLabel(p), c.Projects.GetValueOrDefault(p), "户"));
        }
        rows.Add(new("帮扶成效", $"人均年收入达{c.ThresholdFen / 100}元以上", c.AboveThreshold, "户"));
        return new TownReportFigures(from, to, countedOn, rows);
    }

    private static string ProgressLabel(ProjectProgress p) => p switch
    {
        ProjectProgress.NotStarted => "未启动",
        ProjectProgress.UnderWay => "实施中",
        ProjectProgress.ProducingIncome => "已见效",
        ProjectProgress.Stable => "稳定增收",
        ProjectProgress.Failed => "失败",
        _ => p.ToString(),
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The frozen table of a submitted report; null when there is none or it cannot be read.</summary>
    public static TownReportFigures? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<TownReportFigures>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The short names of the report kinds in addresses (/Reports/{town}/q2, /api/v1/reports/{town}/yearend).</summary>
public static class TownReportKinds
{
    public static string Slug(TownReportKind kind) => kind == TownReportKind.YearEnd ? "yearend" : "q" + (int)kind;

    public static TownReportKind? Parse(string? slug) => slug?.ToLowerInvariant() switch
    {
        "q1" => TownReportKind.Quarter1,
        "q2" => TownReportKind.Quarter2,
        "q3" => TownReportKind.Quarter3,
        "q4" => TownReportKind.Quarter4,
        "yearend" => TownReportKind.YearEnd,
        _ => null,
    };
}

public sealed partial class TownReport
{
    /// <summary>Checks the written part the town sends: lengths and no invisible characters; the rules only for the summary.</summary>
    public static Result CheckText(TownReportKind kind, string? text, string? rules)
    {
        var errors = new List<FieldError>();
        if ((text ?? "").Length > MaxTextLength || PlainText.HasInvisible(Visible(text ?? "")))
        {
            errors.Add(new FieldError(nameof(Text), $"文字部分不能超过{MaxTextLength}个字，且不能含有不可见的控制字符"));
        }
        if (kind == TownReportKind.YearEnd && ((rules ?? "").Length > MaxRulesLength || PlainText.HasInvisible(Visible(rules ?? ""))))
        {
            errors.Add(new FieldError(nameof(Rules), $"形成的制度不能超过{MaxRulesLength}个字，且不能含有不可见的控制字符"));
        }
        if (PersonalData.HoldsPersonalNumber(text ?? "") || PersonalData.HoldsPersonalNumber(rules ?? ""))
        {
            errors.Add(new FieldError(PersonalData.HoldsPersonalNumber(text ?? "") ? nameof(Text) : nameof(Rules), PersonalData.NoNumbersInText));
        }
        return errors.Count == 0 ? Result.Ok : Result.Refused(errors);
    }

    /// <summary>Multi-line text as checked for invisible characters: line breaks and tabs are what a paragraph may hold.</summary>
    public static string Visible(string s) => s.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal);
}
