using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Survey;

public sealed class SubmitSurveyCommand
{
    /// <summary>Households to put on this 附件1 as regular candidates.</summary>
    public List<Guid> Households { get; set; } = [];
    /// <summary>Households to put on it as reserves (备选), beyond the quota.</summary>
    public List<Guid> Reserves { get; set; } = [];
}

public sealed record SubmissionResult(Guid SubmissionId, int Regular, int Reserves);

/// <summary>The town sends its summary table (附件1) to the district: every household checked, the quota held, all or nothing.</summary>
public sealed class SubmitSurvey(TongxingDb db, CurrentUser me, TimeProvider clock)
{
    public async Task<Outcome<SubmissionResult>> Handle(SubmitSurveyCommand command, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.SubmitSurvey) || actor.Scope.Level != AreaLevel.Town)
        {
            return Outcome<SubmissionResult>.Forbidden("只有乡镇可以向区残联报送汇总表（附件1）");
        }
        // A household in both lists goes as a reserve: the page's 列为备选 is ticked on top of 报送 (batch.js counts it so).
        var reserves = command.Reserves.ToHashSet();
        var ids = command.Households.Concat(reserves).Distinct().ToList();
        if (ids.Count == 0)
        {
            return Outcome<SubmissionResult>.Invalid([new FieldError("Households", "请至少勾选一户报送")]);
        }
        // The quota is read and used under the town's lock: parallel submissions of one town are checked one after another.
        await using var transaction = await db.BeginLockedAsync("quota:" + actor.Scope.Code, ct);
        var households = await db.Households.Within(me.Scope).Where(h => ids.Contains(h.Id)).ToListAsync(ct);
        if (households.Count != ids.Count)
        {
            return Outcome<SubmissionResult>.NotFound();
        }
        var programmeIds = households.Select(h => h.ProgrammeId).Distinct().ToList();
        if (programmeIds.Count != 1)
        {
            return Outcome<SubmissionResult>.Invalid([new FieldError("Households", "一次只能报送同一年度项目的对象")]);
        }
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == programmeIds[0], ct);
        var town = actor.Scope.Code;
        var counted = (await db.Households.Where(h => h.ProgrammeId == programme.Id && h.TownCode == town)
                .GroupBy(h => new { h.Status, h.IsReserve }).Select(g => new { g.Key.Status, g.Key.IsReserve, Count = g.Count() }).ToListAsync(ct))
            .Where(g => SurveyRules.TakesQuotaPlace(g.Status, g.IsReserve)).Sum(g => g.Count);
        var regular = households.Count(h => !reserves.Contains(h.Id));
        var quota = SurveyRules.CheckQuota(programme.QuotaOf(town), counted, regular);
        if (!quota.Succeeded)
        {
            return Outcome<SubmissionResult>.Refused(quota);
        }

        var now = clock.GetUtcNow();
        var submission = new SurveySubmission(Guid.NewGuid(), programme.Id, town, now, clock.Today(), me.Id, me.DisplayName, regular, households.Count - regular);
        var errors = new List<FieldError>();
        var conflicts = true;
        foreach (var h in households)
        {
            var result = h.SubmitByTown(actor, submission.Id, reserves.Contains(h.Id), now);
            errors.AddRange(result.Errors.Select(e => e with { Field = "Households" }));
            conflicts &= result.Succeeded || result.IsConflict;
        }
        if (errors.Count > 0)
        {
            // Households already sent (by a parallel submission, or earlier) are a conflict with their state; anything else is the list's fault.
            return new Outcome<SubmissionResult>(conflicts ? OutcomeStatus.Conflict : OutcomeStatus.Invalid, default, errors);
        }
        db.SurveySubmissions.Add(submission);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<SubmissionResult>.Conflict("名单中有对象刚被他人修改，请刷新页面后重新报送");
        }
        return Outcome<SubmissionResult>.Success(new SubmissionResult(submission.Id, submission.Regular, submission.Reserves));
    }
}
