using Microsoft.AspNetCore.Mvc;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Pairings;

/// <summary>记帮扶日志: the form of one paired household, for its helper (on a phone) or the village branch.</summary>
public sealed class LogModel(SupportLogs logs, FollowUpAccess access) : FollowUpFormPage(access)
{
    protected override Capability Capability => Capability.LogSupport;

    protected override string Denied => SupportLogs.Denied;

    public Task<IActionResult> OnPostAsync([FromRoute] Guid id, [FromForm] SupportLogInput input, CancellationToken ct) =>
        Post(id, (photos, c) => logs.Record(id, input, photos, c), "已保存帮扶日志。", ct);
}
