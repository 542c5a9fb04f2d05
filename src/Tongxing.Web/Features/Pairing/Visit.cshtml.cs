using Microsoft.AspNetCore.Mvc;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Pairings;

/// <summary>记走访 / 记回访: a helper's visit from a phone, or an office's return visit (with the helper's rating) from a phone or a desk.</summary>
public sealed class VisitModel(VisitRecords visits, FollowUpAccess access) : FollowUpFormPage(access)
{
    protected override Capability Capability => Capability.RecordVisits;

    protected override string Denied => VisitRecords.Denied;

    public bool IsReturnVisit => visits.KindForMe == VisitKind.ReturnVisit;

    public Task<IActionResult> OnPostAsync([FromRoute] Guid id, [FromForm] VisitInput input, CancellationToken ct) =>
        Post(id, (photos, c) => visits.Record(id, input, photos, c), IsReturnVisit ? "已保存回访记录。" : "已保存走访记录。", ct);
}
