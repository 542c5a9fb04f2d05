using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Approvals;

public sealed record QueueRow(Guid Id, string HeadName, string HeadIdMasked, string TownName, string VillageName, string Status, int Version);

/// <summary>One step of the approval chain that the user's office takes, and how many households wait for it.</summary>
public sealed record QueueStep(ApprovalStep Step, string Label, string WaitingStatus, int Waiting);

/// <param name="OverTowns">The office acts for several towns: the queue names each household's town.</param>
public sealed record PendingApprovalsView(IReadOnlyList<QueueStep> Steps, QueueStep? Current, IReadOnlyList<QueueRow> Rows, bool OverTowns);

/// <summary>The households in the user's area waiting for a step of the approval chain that their office takes.</summary>
public sealed class PendingApprovals(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    /// <summary>Most rows one page lists; a district's whole quota fits.</summary>
    private const int MaxRows = 2000;

    public async Task<Outcome<PendingApprovalsView>> Handle(ApprovalStep? step, CancellationToken ct)
    {
        if (me.Actor is not { } actor)
        {
            return Outcome<PendingApprovalsView>.Forbidden("无权操作");
        }
        var moves = ApprovalChain.Moves.Where(m => m.Role == actor.Role && m.Role.HomeLevel() == actor.Scope.Level).ToList();
        if (moves.Count == 0)
        {
            return Outcome<PendingApprovalsView>.Forbidden("您的岗位不办理审批");
        }
        var district = await areas.DistrictOfAsync(me.Scope, ct);
        var programme = district is null ? null : await HouseholdChecks.CurrentProgrammeAsync(db, district, clock.Today(), ct);
        if (programme is null)
        {
            return Outcome<PendingApprovalsView>.NotFound();
        }
        var froms = moves.Select(m => m.From).ToList();
        var waiting = await db.Households.AsNoTracking().Within(me.Scope).Where(h => h.ProgrammeId == programme.Id && froms.Contains(h.Status))
            .GroupBy(h => h.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        var steps = moves.Select(m => new QueueStep(m.Step, m.Label, Labels.Of(m.From), waiting.FirstOrDefault(w => w.Status == m.From)?.Count ?? 0)).ToList();
        // The step asked for, else the first with households waiting, else the first.
        var current = steps.FirstOrDefault(s => s.Step == step) ?? steps.FirstOrDefault(s => s.Waiting > 0) ?? steps[0];
        var from = ApprovalChain.Of(current.Step).From;
        var rows = await db.Households.AsNoTracking().Within(me.Scope).Where(h => h.ProgrammeId == programme.Id && h.Status == from)
            .OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName)
            .Select(h => new { h.Id, h.HeadName, h.HeadIdNumber, h.TownCode, h.VillageCode, h.Status, h.Version })
            .Take(MaxRows).ToListAsync(ct);
        var names = await areas.NamesAsync(rows.Select(r => r.VillageCode).Concat(rows.Select(r => r.TownCode)).Distinct(), ct);
        return Outcome<PendingApprovalsView>.Success(new PendingApprovalsView(steps, current,
            rows.Select(r => new QueueRow(r.Id, r.HeadName, ResidentId.Mask(r.HeadIdNumber), names.GetValueOrDefault(r.TownCode, ""), names.GetValueOrDefault(r.VillageCode, ""), Labels.Of(r.Status), r.Version)).ToList(),
            me.Scope?.Level < AreaLevel.Town));
    }
}
