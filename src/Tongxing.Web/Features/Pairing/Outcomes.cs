using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

/// <summary>What an office sends for a household's outcome (帮扶成效); amounts in yuan and dates as text, so a bad value gets a clear message.</summary>
public sealed class OutcomeInput
{
    public string? Skill1 { get; set; }
    public string? Skill2 { get; set; }
    /// <summary>NotStarted, UnderWay, ProducingIncome, Stable or Failed.</summary>
    public string? Progress { get; set; }
    public string? FailureReason { get; set; }
    public string? IncomeAtStart { get; set; }
    public string? IncomeLatest { get; set; }
    public string? IncomeLatestOn { get; set; }
    /// <summary>The version read with the form; 0 when none was recorded yet.</summary>
    public int Version { get; set; }
}

public sealed record OutcomeView(Guid HouseholdId, string HeadName, string TownName, string VillageName, bool Recorded, string? Skill1, string? Skill2,
    string Progress, string ProgressLabel, string? FailureReason, string IncomeAtStart, string? IncomeLatest, string? IncomeLatestOn, string Standing,
    bool? AboveThreshold, string? UpdatedAt, int Version, int MinSkills, int MaxSkills, bool CanEdit, string Today);

/// <summary>
/// 帮扶成效 of one household: read by the offices that see the household, recorded by those that hold
/// <see cref="Capability.RecordOutcomes"/> (village branch, town committee, town federation) within their area, for a
/// household that has been paired; one row per household with a version (a stale form gets 409).
/// </summary>
public sealed class Outcomes(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    public const string NotAllowed = "帮扶成效由村（社区）党组织、镇党委或镇残联登记";

    private bool MayRead => me.Can(Capability.ViewHouseholds) || me.Can(Capability.RecordOutcomes);

    public async Task<Outcome<OutcomeView>> Get(Guid householdId, CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<OutcomeView>.Forbidden("您的岗位无权查看帮扶成效");
        }
        var h = await db.Households.AsNoTracking().Within(me.Scope).Where(x => x.Id == householdId)
            .Select(x => new { x.Id, x.HeadName, x.TownCode, x.VillageCode, x.ProgrammeId, x.PerCapitaIncome }).FirstOrDefaultAsync(ct);
        if (h is null)
        {
            return Outcome<OutcomeView>.NotFound();
        }
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == h.ProgrammeId, ct);
        var o = await db.HouseholdOutcomes.AsNoTracking().FirstOrDefaultAsync(x => x.HouseholdId == householdId, ct);
        var names = await areas.NamesAsync([h.TownCode, h.VillageCode], ct);
        var start = o?.IncomeAtStartFen ?? h.PerCapitaIncome.Fen;
        var standing = OutcomeRules.Progress(start, o?.IncomeLatestFen, programme.PriorityIncomeThreshold);
        var progress = o?.Progress ?? ProjectProgress.NotStarted;
        return Outcome<OutcomeView>.Success(new OutcomeView(h.Id, h.HeadName, names.GetValueOrDefault(h.TownCode, ""), names.GetValueOrDefault(h.VillageCode, ""),
            o is not null, o?.Skill1, o?.Skill2, progress.ToString(), PairingLabels.Of(progress), o?.FailureReason, Yuan(start), o?.IncomeLatestFen is { } l ? Yuan(l) : null,
            o?.IncomeLatestOn?.ToString("yyyy-MM-dd"), standing.Text, standing.AboveThreshold, o is null ? null : Clock.Local(o.UpdatedAt), o?.Version ?? 0,
            programme.MinSkills, Math.Min(programme.MaxSkills, OutcomeRules.RecordedSkills), me.Can(Capability.RecordOutcomes), clock.Today().ToString("yyyy-MM-dd")));
    }

    /// <summary>Records or corrects the outcome; returns the new version.</summary>
    public async Task<Outcome<int>> Save(Guid householdId, OutcomeInput input, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.RecordOutcomes))
        {
            return Outcome<int>.Forbidden(NotAllowed);
        }
        var h = await db.Households.AsNoTracking().Within(me.Scope).Where(x => x.Id == householdId)
            .Select(x => new { x.Id, x.HeadName, x.ProgrammeId }).FirstOrDefaultAsync(ct);
        if (h is null)
        {
            return Outcome<int>.NotFound();
        }
        if (!await db.Pairings.AnyAsync(p => p.HouseholdId == householdId, ct))
        {
            return Outcome<int>.Refused(Result.Refused($"{h.HeadName}户尚未结对帮扶，结对后才能登记帮扶成效"));
        }
        var outcome = await db.HouseholdOutcomes.FirstOrDefaultAsync(x => x.HouseholdId == householdId, ct);
        if ((outcome?.Version ?? 0) != input.Version)
        {
            return Outcome<int>.Conflict($"{h.HeadName}户的帮扶成效刚被他人修改，请刷新页面后重试");
        }
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == h.ProgrammeId, ct);
        var (d, result) = OutcomeRules.Check(input.Skill1, input.Skill2, input.Progress, input.FailureReason, input.IncomeAtStart, input.IncomeLatest,
            input.IncomeLatestOn, programme.MinSkills, programme.MaxSkills, programme.Year, clock.Today());
        if (d is null)
        {
            return Outcome<int>.Refused(result);
        }
        if (outcome is null)
        {
            outcome = new HouseholdOutcome(householdId);
            db.HouseholdOutcomes.Add(outcome);
        }
        outcome.Set(d.Skill1, d.Skill2, d.Progress, d.FailureReason, d.IncomeAtStartFen, d.IncomeLatestFen, d.IncomeLatestOn, actor, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException failure) when (TransientFailureAnswers.Retryable(failure) is null)
        {
            return Outcome<int>.Conflict($"{h.HeadName}户的帮扶成效刚被他人修改，请刷新页面后重试");
        }
        return Outcome<int>.Success(outcome.Version);
    }

    private static string Yuan(long fen) => new Money(fen).ToYuanString();
}
