using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairings;

/// <summary>
/// 帮扶日志: a helper (for a household they are paired with) or the village branch (for a paired household of its
/// village) records one act of support, with up to a few photos and, when the user agreed, where it was written.
/// The id is made on the phone: the same log sent twice is stored once (ADR 0027-phone). Logs are append-only and
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
        if (await StoredAsync(d, householdId, ct) is { } resent)
        {
            return resent;
        }
        var reach = await access.ReachAsync(householdId, ct);
        if (reach.Value is not { } target)
        {
            return new Outcome<RecordedFollowUp>(reach.Status, default, reach.Errors);
        }
        var notBefore = FollowUpRules.NotBefore(d.On, target.PairedOn);
        if (!notBefore.Succeeded)
        {
            return Outcome<RecordedFollowUp>.Refused(notBefore);
        }
        var saved = await access.SavePhotosAsync(photos, ct);
        if (saved.Value is not { } stored)
        {
            return new Outcome<RecordedFollowUp>(saved.Status, default, saved.Errors);
        }
        var log = SupportLog.Create(d.Id, target.Household, target.HelperId, d.On, d.Kind, d.Content, d.MoneyFen, d.Goods, d.Where, d.WrittenAt, actor, clock.GetUtcNow());
        db.SupportLogs.Add(log);
        access.AddPhotos(log.Id, stored);
        return await access.SaveAsync(d.Id, householdId, Label(d.Kind), d.On, () => StoredAsync(d, householdId, ct), ct);
    }

    private static string Label(SupportKind kind) => "帮扶日志·" + PairingLabels.Of(kind);

    private async Task<Outcome<RecordedFollowUp>?> StoredAsync(SupportLogDetails d, Guid householdId, CancellationToken ct)
    {
        var stored = await db.SupportLogs.AsNoTracking().FirstOrDefaultAsync(l => l.Id == d.Id, ct);
        return stored is null ? null
            : await access.ResentAsync(stored.Id, stored.HouseholdId, stored.RecordedBy, FollowUpRules.Same(stored, householdId, d), Label(stored.Kind), stored.On, ct);
    }
}
