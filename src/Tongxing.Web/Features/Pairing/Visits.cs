using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairings;

/// <summary>
/// A visit to a paired household: a helper's own visit (走访, for a household they are paired with) or an office's
/// return visit (定期回访: the town federation, the town committee or the village branch, within its area), which
/// rates the helper and moves the household's visit schedule on. The id is made on the phone (sent twice → stored
/// once). A return visit sent late is refused as a possible duplicate when another return visit close to its date was
/// recorded after what the phone saw, unless the sender confirms (ADR 0029).
/// </summary>
public sealed class VisitRecords(TongxingDb db, CurrentUser me, FollowUpAccess access, TimeProvider clock)
{
    public const string Denied = "走访由结对帮扶人记录，回访由镇残联、镇党委或村（社区）党组织记录";

    public VisitKind KindForMe => me.Role == Role.Helper ? VisitKind.HelperVisit : VisitKind.ReturnVisit;

    public async Task<Outcome<RecordedFollowUp>> Record(Guid householdId, VisitInput input, IReadOnlyList<IncomingPhoto> photos, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.RecordVisits))
        {
            return Outcome<RecordedFollowUp>.Forbidden(Denied);
        }
        var kind = KindForMe;
        var (d, checkedInput) = FollowUpRules.CheckVisit(input, kind, clock.Today(), clock.GetUtcNow());
        if (d is null)
        {
            return Outcome<RecordedFollowUp>.Refused(checkedInput);
        }
        return await access.RecordAsync(householdId, d.Id, d.On, PairingLabels.Of(kind), photos, () => StoredAsync(d, householdId, ct),
            target => kind == VisitKind.ReturnVisit && !input.ConfirmDuplicate ? PossibleDuplicateAsync(target, d, input.SeenVersion, ct) : Task.FromResult<Outcome<RecordedFollowUp>?>(null),
            target => db.Visits.Add(Visit.Create(d.Id, target.Household, kind, d.On, d.Visitors ?? actor.Name, d.Findings, d.Rating, d.RatingComment, d.Suggestions, d.Where,
                d.WrittenAt, actor, clock.GetUtcNow())), ct);
    }

    /// <summary>Conflict (b): another return visit close to this one's date recorded after what the phone saw.</summary>
    private async Task<Outcome<RecordedFollowUp>?> PossibleDuplicateAsync(FollowUpTarget target, VisitDetails d, int? seenVersion, CancellationToken ct)
    {
        var earlier = await db.Visits.AsNoTracking().Where(v => v.HouseholdId == target.Household.Id && v.Kind == VisitKind.ReturnVisit)
            .Select(v => new { v.On, v.RecordedAt, v.Id, v.Visitors }).ToListAsync(ct);
        var duplicate = FollowUpRules.PossibleDuplicate(earlier.Select(v => new RecordedVisit(v.On, v.RecordedAt, v.Id, v.Visitors)), seenVersion, d.On,
            target.Programme.VisitWindowDays);
        return duplicate is null ? null : FollowUpAccess.Conflict<RecordedFollowUp>(FollowUpAccess.PossibleDuplicate, FollowUpRules.DuplicateMessage(duplicate));
    }

    private async Task<Outcome<RecordedFollowUp>?> StoredAsync(VisitDetails d, Guid householdId, CancellationToken ct)
    {
        var stored = await db.Visits.AsNoTracking().FirstOrDefaultAsync(v => v.Id == d.Id, ct);
        return stored is null ? null
            : await access.ResentAsync(stored.Id, stored.HouseholdId, stored.RecordedBy, FollowUpRules.Same(stored, householdId, d), PairingLabels.Of(stored.Kind), stored.On, ct);
    }
}
