using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Admin;

public sealed record AuditRow(long Seq, string At, string UserName, string? Address, string Action, string? Entity, string? EntityId, string? Details);

public sealed class AuditModel(TongxingDb db, AuditVerifier verifier, CurrentUser me) : PageModel
{
    public AuditVerdict Verdict { get; private set; } = default!;
    public IReadOnlyList<AuditRow> Latest { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.Can(Capability.ViewAudit))
        {
            return Forbid();
        }
        Verdict = await verifier.VerifyAsync(ct);
        Latest = (await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Seq).Take(100).ToListAsync(ct))
            .Select(a => new AuditRow(a.Seq, Clock.Local(a.At), a.UserName, a.Address, a.Action, a.Entity, a.EntityId, a.Details is { Length: > 200 } d ? d[..200] + "…" : a.Details)).ToList();
        return Page();
    }
}
