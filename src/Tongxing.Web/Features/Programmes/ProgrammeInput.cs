using System.Globalization;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Programmes;

public sealed class TownQuotaInput
{
    public string TownCode { get; set; } = "";
    public int? Quota { get; set; }
}

public sealed class FundShareInput
{
    public FundSource Source { get; set; }
    /// <summary>The share as a percentage with at most two decimals ("70", "12.5").</summary>
    public string? Percent { get; set; }
    public string? Note { get; set; }
}

public sealed class PhaseInput
{
    public ProgrammePhase Phase { get; set; }
    public DateOnly? Start { get; set; }
    public DateOnly? End { get; set; }
    public DateOnly? Deadline { get; set; }
    public string? DeadlineWhat { get; set; }
}

/// <summary>
/// A programme as typed on the form or sent to the API. Property names are the domain's field names, so a rule's error
/// lands at the field that caused it. Money in yuan and shares in percent, as people write them.
/// </summary>
public sealed class ProgrammeInput
{
    /// <summary>The district (create only; a district office's own district when left out).</summary>
    public string? DistrictCode { get; set; }
    public int? Year { get; set; }
    public string? Name { get; set; }
    public int? Quota { get; set; }
    public int? MinHouseholdsPerVillage { get; set; }
    public string? SubsidyPerHousehold { get; set; }
    public DateOnly? ReferenceDate { get; set; }
    public int? MaleMinAge { get; set; }
    public int? MaleMaxAge { get; set; }
    public int? FemaleMinAge { get; set; }
    public int? FemaleMaxAge { get; set; }
    public string? PriorityIncomeThreshold { get; set; }
    public bool BlockEarlierSupported { get; set; }
    public int? MinSkills { get; set; }
    public int? MaxSkills { get; set; }
    public int? MinHelpers { get; set; }
    public int? MaxHelpers { get; set; }
    public int? NoticeWorkingDays { get; set; }
    /// <summary>每名帮扶人至多结对户数.</summary>
    public int? MaxHouseholdsPerHelper { get; set; }
    /// <summary>回访间隔天数.</summary>
    public int? VisitIntervalDays { get; set; }
    /// <summary>回访提前/宽限天数.</summary>
    public int? VisitWindowDays { get; set; }
    /// <summary>帮扶日志间隔天数.</summary>
    public int? SupportLogIntervalDays { get; set; }
    public int? ReportDueDays { get; set; }
    public List<TownQuotaInput> TownQuotas { get; set; } = [];
    public List<FundShareInput> FundShares { get; set; } = [];
    public List<PhaseInput> Phases { get; set; } = [];

    public static ProgrammeInput From(Programme p) => new()
    {
        DistrictCode = p.DistrictCode,
        Year = p.Year,
        Name = p.Name,
        Quota = p.Quota,
        MinHouseholdsPerVillage = p.MinHouseholdsPerVillage,
        SubsidyPerHousehold = Yuan(p.SubsidyPerHousehold),
        ReferenceDate = p.ReferenceDate,
        MaleMinAge = p.MaleMinAge,
        MaleMaxAge = p.MaleMaxAge,
        FemaleMinAge = p.FemaleMinAge,
        FemaleMaxAge = p.FemaleMaxAge,
        PriorityIncomeThreshold = Yuan(p.PriorityIncomeThreshold),
        BlockEarlierSupported = p.BlockEarlierSupported,
        MinSkills = p.MinSkills,
        MaxSkills = p.MaxSkills,
        MinHelpers = p.MinHelpers,
        MaxHelpers = p.MaxHelpers,
        NoticeWorkingDays = p.NoticeWorkingDays,
        MaxHouseholdsPerHelper = p.MaxHouseholdsPerHelper,
        VisitIntervalDays = p.VisitIntervalDays,
        VisitWindowDays = p.VisitWindowDays,
        SupportLogIntervalDays = p.SupportLogIntervalDays,
        ReportDueDays = p.ReportDueDays,
        TownQuotas = [.. p.TownQuotas.OrderBy(q => q.TownCode).Select(q => new TownQuotaInput { TownCode = q.TownCode, Quota = q.Quota })],
        FundShares = [.. Enum.GetValues<FundSource>().Select(s => p.FundShares.FirstOrDefault(f => f.Source == s) is { } f
            ? new FundShareInput { Source = s, Percent = (f.BasisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture), Note = f.Note }
            : new FundShareInput { Source = s, Percent = "0" })],
        Phases = [.. Enum.GetValues<ProgrammePhase>().Select(ph => p.Phase(ph) is { } w
            ? new PhaseInput { Phase = ph, Start = w.Start, End = w.End, Deadline = w.Deadline, DeadlineWhat = w.DeadlineWhat }
            : new PhaseInput { Phase = ph })],
    };

    /// <summary>An empty form for a new year: every fund source and phase listed, the programme's usual numbers left for the user.</summary>
    /// <summary>
    /// A new year's form: the programme's usual values from <c>Programme:Template</c> (configuration, so a province sets
    /// its own), the name from <c>Programme:NameFormat</c>; the quota, its split and every date are the year's own.
    /// </summary>
    public static ProgrammeInput Blank(string districtCode, string districtName, int year, IConfiguration config)
    {
        var input = config.GetSection("Programme:Template").Get<ProgrammeInput>() ?? new ProgrammeInput();
        input.DistrictCode = districtCode;
        input.Year = year;
        input.Quota = null;
        input.ReferenceDate = null;
        input.TownQuotas = [];
        input.Name = config["Programme:NameFormat"] is { Length: > 0 } format ? string.Format(CultureInfo.InvariantCulture, format, year, districtName) : null;
        input.FundShares = [.. Enum.GetValues<FundSource>().Select(s => input.FundShares.FirstOrDefault(f => f.Source == s) ?? new FundShareInput { Source = s })];
        input.Phases = [.. Enum.GetValues<ProgrammePhase>().Select(ph => new PhaseInput { Phase = ph })];
        return input;
    }

    private static string Yuan(Money m) => (m.Fen / 100m).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Turns what was typed into settings, or says at each field what is missing or unreadable.</summary>
    public (ProgrammeSettings Settings, IReadOnlyList<FieldError> Errors) Parse()
    {
        var errors = new List<FieldError>();
        int Need(int? value, string field, string what)
        {
            if (value is null)
            {
                errors.Add(new(field, $"请填写{what}"));
            }
            return value ?? 0;
        }
        Money NeedMoney(string? value, string field, string what)
        {
            var parsed = Money.ParseYuan(value);
            if (!parsed.Ok)
            {
                errors.Add(new(field, $"{what}：{parsed.Error}"));
            }
            return parsed.Value;
        }
        var quota = Need(Quota, nameof(Quota), "全区帮扶任务数");
        var perVillage = Need(MinHouseholdsPerVillage, nameof(MinHouseholdsPerVillage), "每村最少帮扶户数");
        var subsidy = NeedMoney(SubsidyPerHousehold, nameof(SubsidyPerHousehold), "每户扶持资金");
        var income = NeedMoney(PriorityIncomeThreshold, nameof(PriorityIncomeThreshold), "重点扶持收入线");
        if (ReferenceDate is null)
        {
            errors.Add(new(nameof(ReferenceDate), "请填写年龄计算基准日"));
        }
        var maleMin = Need(MaleMinAge, nameof(MaleMinAge), "男性最低年龄");
        var maleMax = Need(MaleMaxAge, nameof(MaleMaxAge), "男性最高年龄");
        var femaleMin = Need(FemaleMinAge, nameof(FemaleMinAge), "女性最低年龄");
        var femaleMax = Need(FemaleMaxAge, nameof(FemaleMaxAge), "女性最高年龄");
        var minSkills = Need(MinSkills, nameof(MinSkills), "实用技术门数下限");
        var maxSkills = Need(MaxSkills, nameof(MaxSkills), "实用技术门数上限");
        var minHelpers = Need(MinHelpers, nameof(MinHelpers), "帮扶党员人数下限");
        var maxHelpers = Need(MaxHelpers, nameof(MaxHelpers), "帮扶党员人数上限");
        var noticeDays = Need(NoticeWorkingDays, nameof(NoticeWorkingDays), "公示期（工作日）");
        // The pairing settings came later than the rest: a client that does not send them gets the usual values (3 households, 90 ± 15 days, 30 days).
        var usual = new ProgrammeSettings("", 0, 0, Money.Zero, default, 0, 0, 0, 0, Money.Zero, 0, 0, 0, 0, 0, false, [], [], []);
        var perHelper = MaxHouseholdsPerHelper ?? usual.MaxHouseholdsPerHelper;
        var visitInterval = VisitIntervalDays ?? usual.VisitIntervalDays;
        var visitWindow = VisitWindowDays ?? usual.VisitWindowDays;
        var logInterval = SupportLogIntervalDays ?? usual.SupportLogIntervalDays;
        var reportDue = ReportDueDays ?? usual.ReportDueDays;

        var towns = new List<TownQuota>();
        foreach (var t in TownQuotas.Where(t => !string.IsNullOrWhiteSpace(t.TownCode)))
        {
            if (towns.Any(x => x.TownCode == t.TownCode))
            {
                errors.Add(new(nameof(TownQuotas), "同一乡镇填写了两次"));
                continue;
            }
            // A town left blank has no quota this year (and is flagged on the page when it has villages).
            towns.Add(new TownQuota(t.TownCode.Trim(), t.Quota ?? 0));
        }

        var funds = new List<FundShare>();
        foreach (var f in FundShares)
        {
            if (!Enum.IsDefined(f.Source))
            {
                errors.Add(new(nameof(FundShares), "资金来源无效"));
                continue;
            }
            if (FundShares.Count(x => x.Source == f.Source) > 1)
            {
                errors.Add(new(nameof(FundShares), $"{Programme.SourceLabel(f.Source)}的分担比例填写了两次"));
                continue;
            }
            var share = ParsePercent(f.Percent);
            if (!share.Ok)
            {
                errors.Add(new(nameof(FundShares), $"{Programme.SourceLabel(f.Source)}分担比例：{share.Error}"));
                continue;
            }
            if (share.Value > 0 || !string.IsNullOrWhiteSpace(f.Note))
            {
                funds.Add(new FundShare(f.Source, share.Value, f.Note?.Trim() ?? ""));
            }
        }

        var phases = new List<PhaseWindow>();
        foreach (var p in Phases)
        {
            if (!Enum.IsDefined(p.Phase))
            {
                continue;
            }
            if (Phases.Count(x => x.Phase == p.Phase) > 1)
            {
                errors.Add(new(nameof(Phases), $"“{Programme.PhaseLabel(p.Phase)}”阶段填写了两次"));
                continue;
            }
            if (p.Start is null || p.End is null)
            {
                // Reported once per phase by the programme's own check ("请填写…阶段的起止日期"); half a window is not kept.
                continue;
            }
            phases.Add(new PhaseWindow(p.Phase, p.Start.Value, p.End.Value, p.Deadline, string.IsNullOrWhiteSpace(p.DeadlineWhat) ? null : p.DeadlineWhat.Trim()));
        }
        // With errors the settings are provisional (what could not be read stands at zero), for the programme's own rules
        // to check the rest in the same answer (RuleErrorsBeside); they are never saved.
        return (new ProgrammeSettings(Name?.Trim() ?? "", quota, perVillage, subsidy, ReferenceDate ?? new DateOnly(Year ?? Programme.MinYear, 1, 1),
            maleMin, maleMax, femaleMin, femaleMax, income, minSkills, maxSkills, minHelpers, maxHelpers, noticeDays, BlockEarlierSupported,
            [.. towns.OrderBy(t => t.TownCode, StringComparer.Ordinal)], [.. funds.OrderBy(f => f.Source)], [.. phases.OrderBy(p => p.Phase)],
            perHelper, visitInterval, visitWindow, logInterval, reportDue), errors);
    }

    /// <summary>
    /// The fields that could not be read, then what the programme's rules say of everything else, so one submit of a
    /// half-filled form lists every problem at once. A rule about a field that could not be read is left to that field's
    /// own message, and so is a rule that depends on it (the split over towns on the quota, the dates on the year).
    /// </summary>
    public static List<FieldError> RuleErrorsBeside(IReadOnlyList<FieldError> unread, Programme provisional, ProgrammeLimits limits)
    {
        var fields = unread.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        bool Depends(string field) => fields.Contains(field)
            || (field == nameof(TownQuotas) && fields.Contains(nameof(Quota)))
            || ((field.StartsWith(nameof(Phases), StringComparison.Ordinal) || field == nameof(ReferenceDate)) && fields.Contains(nameof(Year)));
        return [.. unread, .. provisional.Validate(limits).Errors.Where(e => !Depends(e.Field))];
    }

    /// <summary>A percentage with at most two decimals, as basis points ("70" → 7000, "12.5" → 1250).</summary>
    public static Parsed<int> ParsePercent(string? text)
    {
        var s = (text ?? "").Trim().TrimEnd('%', '％').Trim();
        if (s.Length == 0)
        {
            return Parsed<int>.Success(0);
        }
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) || percent > 100)
        {
            return Parsed<int>.Fail("请填写0至100之间的百分数");
        }
        if (decimal.Round(percent, 2) != percent)
        {
            return Parsed<int>.Fail("百分数最多保留两位小数");
        }
        return Parsed<int>.Success((int)(percent * 100));
    }
}
