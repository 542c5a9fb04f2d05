using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Tongxing.Web.Domain;

/// <summary>
/// What the records of one town show for its inspection (检查验收), each figure counted in SQL by the caller; the
/// checklist (<see cref="InspectionChecklist"/>) turns them into lines. Households counted are the programme's
/// supported ones (已备案 and every later step, not returned or withdrawn).
/// </summary>
public sealed record InspectionFacts(
    string TownCode,
    int Quota,
    int Supported,
    int MinPerVillage,
    int Villages,
    IReadOnlyList<string> VillagesShort,
    int WithoutNotice,
    int Notices,
    int NoticesWithoutPhotos,
    int ApprovalsPending,
    int Unpaid,
    int PaidWithoutReceipt,
    bool FundsBalanced,
    int Paired,
    int WithoutAgreement,
    int VisitsOverdue,
    int WithoutReturnVisit,
    int ReportsExpected,
    int ReportsOnTime,
    int ReportsLate,
    int ReportsMissing);

/// <summary>One line of the checklist as the records show it: its key, label, what the records say, met or not, and where the evidence is.</summary>
public sealed record ChecklistLine(string Key, string Label, string RecordValue, bool RecordMet, string Link);

/// <summary>
/// The inspection checklist built from the plan (SPEC §4 phase 5): task quota met, every village covered, notices held
/// with photos, approvals complete, funds paid with receipts and reconciled, agreements signed, visits done, reports on
/// time. Pure: each line is a rule over counts the caller queried.
/// </summary>
public static class InspectionChecklist
{
    public const string Quota = "quota", Villages = "villages", Notices = "notices", Approvals = "approvals", Funds = "funds",
        Agreements = "agreements", Visits = "visits", Reports = "reports";

    /// <summary>The checklist's keys and labels, in the order of the form.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> Items =
    [
        (Quota, "任务数完成"),
        (Villages, "每个村至少有帮扶户"),
        (Notices, "公示（户户公示，公示有照片）"),
        (Approvals, "审批手续完备"),
        (Funds, "资金发放到户、收据齐全、账目对平"),
        (Agreements, "帮扶协议签订"),
        (Visits, "定期回访"),
        (Reports, "季度反馈和年度总结按时报送"),
    ];

    public static string Label(string key) => Items.FirstOrDefault(i => i.Key == key).Label ?? key;

    public static bool IsKey(string key) => Items.Any(i => i.Key == key);

    public static IReadOnlyList<ChecklistLine> Build(InspectionFacts f)
    {
        var town = Uri.EscapeDataString(f.TownCode);
        var shortList = f.VillagesShort.Count == 0 ? "" : "：" + string.Join("、", f.VillagesShort.Take(10)) + (f.VillagesShort.Count > 10 ? $"等{f.VillagesShort.Count}个村" : "");
        return
        [
            Line(Quota, $"已备案{f.Supported}户，任务{f.Quota}户", f.Quota > 0 && f.Supported >= f.Quota, $"/Households?town={town}"),
            Line(Villages, f.VillagesShort.Count == 0
                    ? $"全镇{f.Villages}个村均有不少于{f.MinPerVillage}户帮扶户"
                    : $"全镇{f.Villages}个村，{f.VillagesShort.Count}个村帮扶户不足{f.MinPerVillage}户{shortList}",
                f.Villages > 0 && f.VillagesShort.Count == 0, $"/Households?town={town}"),
            Line(Notices, $"{f.WithoutNotice}户未经公示；公示{f.Notices}次，{f.NoticesWithoutPhotos}次无现场照片",
                f.Supported > 0 && f.WithoutNotice == 0 && f.NoticesWithoutPhotos == 0, "/Notices"),
            Line(Approvals, $"已备案{f.Supported}户，{f.ApprovalsPending}户审批未完成", f.Supported > 0 && f.ApprovalsPending == 0, $"/Households?town={town}"),
            Line(Funds, $"未发放{f.Unpaid}户，已发放无收据{f.PaidWithoutReceipt}户，账目{(f.FundsBalanced ? "已对平" : "未对平")}",
                f.Supported > 0 && f.Unpaid == 0 && f.PaidWithoutReceipt == 0 && f.FundsBalanced, "/Funds/Reconciliation"),
            Line(Agreements, $"已结对{f.Paired}户，{f.WithoutAgreement}户未签订帮扶协议", f.Paired > 0 && f.WithoutAgreement == 0, "/Pairing/Attachment4"),
            Line(Visits, $"已结对{f.Paired}户，回访逾期{f.VisitsOverdue}户，从未回访{f.WithoutReturnVisit}户",
                f.Paired > 0 && f.VisitsOverdue == 0 && f.WithoutReturnVisit == 0, "/Pairing/Due"),
            Line(Reports, $"应报{f.ReportsExpected}份，按时{f.ReportsOnTime}份，逾期报送{f.ReportsLate}份，未报{f.ReportsMissing}份",
                f.ReportsExpected > 0 && f.ReportsOnTime == f.ReportsExpected, $"/Reports?town={town}"),
        ];
    }

    private static ChecklistLine Line(string key, string value, bool met, string link) => new(key, Label(key), TextCut.Shorten(value, InspectionCheck.MaxValueLength), met, link);
}

/// <summary>
/// The reproducible random sample of an inspection (抽查): each household is ranked by SHA-256 of the seed (4 bytes,
/// little-endian) followed by the household's id (its 16 bytes as .NET writes a Guid), lowest hash first, and the first
/// <c>n</c> are drawn. The same seed over the same households draws the same sample in the same order, whatever order
/// the households are read in; anyone can re-draw it from the seed and the ids.
/// </summary>
public static class HouseholdSampler
{
    public static IReadOnlyList<Guid> Draw(int seed, IEnumerable<Guid> households, int n)
    {
        if (n <= 0)
        {
            return [];
        }
        return households.Distinct().Select(id => (Id: id, Rank: Rank(seed, id))).OrderBy(x => x.Rank, RankOrder.Instance).ThenBy(x => x.Id)
            .Take(n).Select(x => x.Id).ToList();
    }

    public static byte[] Rank(int seed, Guid id)
    {
        Span<byte> input = stackalloc byte[20];
        BinaryPrimitives.WriteInt32LittleEndian(input, seed);
        id.TryWriteBytes(input[4..]);
        return SHA256.HashData(input);
    }

    private sealed class RankOrder : IComparer<byte[]>
    {
        public static readonly RankOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}

public sealed partial class Inspection
{
    public const int MaxSampleSize = 100;

    public static string Label(InspectionResult? result) => result switch
    {
        InspectionResult.Pass => "合格",
        InspectionResult.Fail => "不合格",
        _ => "未作结论",
    };

    public static string Label(InspectionState state) => state == InspectionState.Concluded ? "已作结论" : "检查中";

    /// <summary>Why the inspection may not be changed, in words; null while it is open.</summary>
    public string? LockedReason => State == InspectionState.Concluded
        ? $"检查验收已作出结论（{Label(Result)}）并锁定，不能再修改；整改事项由责任人在督办事项中办结"
        : null;

    /// <summary>Starts the inspection of <paramref name="town"/> (village code ignored) with its date and inspectors.</summary>
    public static (Inspection? Inspection, Result Result) Start(int programmeId, AreaPath town, DateOnly on, string inspectors, DateOnly today, Actor who, DateTimeOffset at)
    {
        var errors = new List<FieldError>();
        inspectors = inspectors.Trim();
        if (inspectors.Length == 0)
        {
            errors.Add(new(nameof(Inspectors), "请填写检查人员（姓名和单位）"));
        }
        else if (inspectors.Length > MaxInspectorsLength || PlainText.HasInvisible(inspectors))
        {
            errors.Add(new(nameof(Inspectors), $"检查人员不能超过{MaxInspectorsLength}个字，且不能含有不可见的控制字符"));
        }
        if (on > today.AddDays(60) || on < today.AddYears(-1))
        {
            errors.Add(new(nameof(On), "检查日期应在一年内，且不能晚于今天起60天"));
        }
        if (errors.Count > 0)
        {
            return (null, Domain.Result.Refused(errors));
        }
        return (new Inspection
        {
            Id = Guid.NewGuid(),
            ProgrammeId = programmeId,
            RegionCode = town.RegionCode,
            CityCode = town.CityCode,
            DistrictCode = town.DistrictCode,
            TownCode = town.TownCode,
            On = on,
            Inspectors = inspectors,
            CreatedAt = at,
            CreatedBy = who.UserId,
        }, Domain.Result.Ok);
    }

    /// <summary>Writes the records' view of every line (new lines added; the inspectors' verdicts kept).</summary>
    public Result Refresh(IReadOnlyList<ChecklistLine> lines, List<InspectionCheck> checks, Action<InspectionCheck> add)
    {
        if (LockedReason is { } locked)
        {
            return Domain.Result.Conflict(locked);
        }
        var seq = 0;
        foreach (var line in lines)
        {
            seq++;
            var check = checks.FirstOrDefault(c => c.Key == line.Key);
            if (check is null)
            {
                check = InspectionCheck.Of(Id, line, seq);
                checks.Add(check);
                add(check);
            }
            check.Show(line, seq);
        }
        Version++;
        return Domain.Result.Ok;
    }

    /// <summary>The inspectors confirm or override one line (met or not, with a note; a note is required to differ from the records).</summary>
    public Result Confirm(InspectionCheck check, bool met, string? note)
    {
        if (LockedReason is { } locked)
        {
            return Domain.Result.Conflict(locked);
        }
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > InspectionCheck.MaxNoteLength } || (note is not null && PlainText.HasInvisible(note)))
        {
            return Domain.Result.Refused($"说明不能超过{InspectionCheck.MaxNoteLength}个字，且不能含有不可见的控制字符", nameof(InspectionCheck.Note));
        }
        if (note is not null && PersonalData.HoldsPersonalNumber(note))
        {
            return Domain.Result.Refused(PersonalData.NoNumbersInText, nameof(InspectionCheck.Note));
        }
        if (met != check.RecordMet && note is null)
        {
            return Domain.Result.Refused("检查结论与系统记录不一致时，请填写说明", nameof(InspectionCheck.Note));
        }
        check.Judge(met, note);
        Version++;
        return Domain.Result.Ok;
    }

    /// <summary>
    /// Draws the sample of <paramref name="size"/> of <paramref name="households"/> from <paramref name="seed"/>;
    /// a re-draw replaces the sample, allowed only before any finding is recorded.
    /// </summary>
    public (IReadOnlyList<InspectionSample> Drawn, Result Result) Draw(int seed, int size, IReadOnlyList<Guid> households, IReadOnlyList<InspectionSample> current)
    {
        if (LockedReason is { } locked)
        {
            return ([], Domain.Result.Conflict(locked));
        }
        if (current.Any(s => s.Satisfactory is not null))
        {
            return ([], Domain.Result.Conflict("已登记抽查结果，不能重新抽取样本"));
        }
        if (households.Count == 0)
        {
            return ([], Domain.Result.Refused("该镇尚无已备案的帮扶户，无法抽查", nameof(SampleSize)));
        }
        if (size < 1 || size > Math.Min(MaxSampleSize, households.Count))
        {
            return ([], Domain.Result.Refused($"抽查户数应在1至{Math.Min(MaxSampleSize, households.Count)}户之间（全镇帮扶户{households.Count}户）", nameof(SampleSize)));
        }
        SampleSeed = seed;
        SampleSize = size;
        Version++;
        var seq = 0;
        return (HouseholdSampler.Draw(seed, households, size).Select(h => InspectionSample.Drawn(Id, h, ++seq)).ToList(), Domain.Result.Ok);
    }

    /// <summary>Records what the field check found at a sampled household.</summary>
    public Result Record(InspectionSample sample, bool satisfactory, string? finding, Actor who, DateTimeOffset at)
    {
        if (LockedReason is { } locked)
        {
            return Domain.Result.Conflict(locked);
        }
        finding = string.IsNullOrWhiteSpace(finding) ? null : finding.Trim();
        if (finding is { Length: > InspectionSample.MaxFindingLength } || (finding is not null && PlainText.HasInvisible(finding)))
        {
            return Domain.Result.Refused($"抽查情况不能超过{InspectionSample.MaxFindingLength}个字，且不能含有不可见的控制字符", nameof(InspectionSample.Finding));
        }
        if (finding is not null && PersonalData.HoldsPersonalNumber(finding))
        {
            return Domain.Result.Refused(PersonalData.NoNumbersInText, nameof(InspectionSample.Finding));
        }
        if (!satisfactory && finding is null)
        {
            return Domain.Result.Refused("不符合的，请写明发现的问题", nameof(InspectionSample.Finding));
        }
        sample.Check(satisfactory, finding, who, at);
        Version++;
        return Domain.Result.Ok;
    }

    /// <summary>
    /// Concludes with a result and findings: every checklist line confirmed, a sample drawn and every sampled household
    /// checked, and for 不合格 — or 合格 over a line or household found wanting — at least one rectification item. Concluded is locked.
    /// </summary>
    public Result Conclude(InspectionResult? result, string? findings, IReadOnlyList<InspectionCheck> checks, IReadOnlyList<InspectionSample> samples,
        int rectifications, Actor who, DateTimeOffset at)
    {
        if (LockedReason is { } locked)
        {
            return Domain.Result.Conflict(locked);
        }
        var errors = new List<FieldError>();
        findings = string.IsNullOrWhiteSpace(findings) ? null : findings.Trim();
        if (result is null)
        {
            errors.Add(new(nameof(Result), "请选择检查验收结论：合格或不合格"));
        }
        if (findings is null)
        {
            errors.Add(new(nameof(Findings), "请填写检查验收意见"));
        }
        else if (findings.Length > MaxFindingsLength || PlainText.HasInvisible(findings))
        {
            errors.Add(new(nameof(Findings), $"检查验收意见不能超过{MaxFindingsLength}个字，且不能含有不可见的控制字符"));
        }
        else if (PersonalData.HoldsPersonalNumber(findings))
        {
            errors.Add(new(nameof(Findings), PersonalData.NoNumbersInText));
        }
        var unconfirmed = checks.Count(c => c.Met is null);
        if (checks.Count == 0 || unconfirmed > 0)
        {
            errors.Add(new("", checks.Count == 0 ? "请先生成检查清单" : $"还有{unconfirmed}项检查内容未确认"));
        }
        if (samples.Count == 0)
        {
            errors.Add(new("", "请先抽取抽查户"));
        }
        else if (samples.Count(s => s.Satisfactory is null) is > 0 and var left)
        {
            errors.Add(new("", $"还有{left}户抽查户未登记抽查结果"));
        }
        if (result == InspectionResult.Fail && rectifications == 0)
        {
            errors.Add(new(nameof(Result), "结论为不合格的，请至少提出一项整改事项"));
        }
        // A pass over lines or households found wanting needs them put right: without a rectification it is not a pass.
        var failed = checks.Count(c => c.Met == false) + samples.Count(s => s.Satisfactory == false);
        if (result == InspectionResult.Pass && failed > 0 && rectifications == 0)
        {
            errors.Add(new(nameof(Result), $"有{failed}项检查内容或抽查户不符合，结论为合格的也须提出整改事项；否则请作出不合格结论"));
        }
        if (errors.Count > 0)
        {
            return Domain.Result.Refused(errors);
        }
        State = InspectionState.Concluded;
        Result = result;
        Findings = findings;
        ConcludedAt = at;
        ConcludedBy = who.UserId;
        ConcludedByName = who.Name;
        Version++;
        return Domain.Result.Ok;
    }

    /// <summary>A rectification item may be added while the inspection is open.</summary>
    public Result MayAddRectification() => LockedReason is { } locked ? Domain.Result.Conflict(locked) : Domain.Result.Ok;
}

public sealed partial class InspectionCheck
{
    /// <summary>A checklist line of a test or a fresh draw-up.</summary>
    public static InspectionCheck Of(Guid inspectionId, ChecklistLine line, int seq) =>
        new() { InspectionId = inspectionId, Key = line.Key, Seq = seq, RecordValue = line.RecordValue, RecordMet = line.RecordMet };

    /// <summary>What the records show now (the inspectors' verdict is kept).</summary>
    public void Show(ChecklistLine line, int seq)
    {
        Seq = seq;
        RecordValue = line.RecordValue;
        RecordMet = line.RecordMet;
    }

    /// <summary>Called by <see cref="Inspection.Confirm"/>, which checks the verdict.</summary>
    internal void Judge(bool met, string? note)
    {
        Met = met;
        Note = note;
    }
}

public sealed partial class InspectionSample
{
    internal static InspectionSample Drawn(Guid inspectionId, Guid householdId, int seq) => new() { InspectionId = inspectionId, HouseholdId = householdId, Seq = seq };

    /// <summary>A household drawn again in a re-draw keeps its row with its new place.</summary>
    public void DrawnAgain(int seq) => Seq = seq;

    /// <summary>Called by <see cref="Inspection.Record"/>, which checks the finding.</summary>
    internal void Check(bool satisfactory, string? finding, Actor who, DateTimeOffset at)
    {
        Satisfactory = satisfactory;
        Finding = finding;
        CheckedAt = at;
        CheckedBy = who.UserId;
    }

    public static string Label(bool? satisfactory) => satisfactory switch
    {
        true => "符合",
        false => "不符合",
        null => "未检查",
    };
}
