using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairings;

/// <summary>
/// 帮扶日志: a helper (for a household they are paired with) or the village branch (for a paired household of its
/// village) records one act of support, with up to a few photos and, when the user agreed, where it was written.
/// The id is made on the phone: the same log sent twice is stored once (ADR 0029). Logs are append-only and
/// conflict only when the helper's pairing has ended meanwhile.
/// </summary>
public sealed class SupportLogs(TongxingDb db, CurrentUser me, FollowUpAccess access, TimeProvider clock)
{
    public const string Denied = "帮扶日志由结对帮扶人或村（社区）党组织填写";

    public async Task<Outcome<RecordedFollowUp>> Record(Guid householdId, SupportLogInput input, IReadOnlyList<IncomingPhoto> photos, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.LogSupport))
        {
            return Outcome<RecordedFollowUp>.Forbidden(Denied);
        }
        var (d, checkedInput) = FollowUpRules.CheckLog(input, clock.Today(), clock.GetUtcNow());
        if (d is null)
        {
            return Outcome<RecordedFollowUp>.Refused(checkedInput);
        }
        return await access.RecordAsync(householdId, d.Id, d.On, Label(d.Kind), photos, () => StoredAsync(d, householdId, ct),
            _ => Task.FromResult<Outcome<RecordedFollowUp>?>(null),
            target => db.SupportLogs.Add(SupportLog.Create(d.Id, target.Household, target.HelperId, d.On, d.Kind, d.Content, d.MoneyFen, d.Goods, d.Where, d.WrittenAt,
                actor, clock.GetUtcNow())), ct);
    }

    private static string Label(SupportKind kind) => "帮扶日志·" + PairingLabels.Of(kind);

    private async Task<Outcome<RecordedFollowUp>?> StoredAsync(SupportLogDetails d, Guid householdId, CancellationToken ct)
    {
        var stored = await db.SupportLogs.AsNoTracking().FirstOrDefaultAsync(l => l.Id == d.Id, ct);
        return stored is null ? null
            : await access.ResentAsync(stored.Id, stored.HouseholdId, stored.RecordedBy, FollowUpRules.Same(stored, householdId, d), Label(stored.Kind), stored.On, ct);
    }
}
