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
        // Offices that see ID numbers masked see the recorded numbers, birth dates and phones hidden here too.
        var full = me.Can(Capability.ViewFullPersonalData);
        Latest = (await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Seq).Take(100).ToListAsync(ct))
            .Select(a => (Row: a, Details: full ? a.Details : PersonalData.Redact(a.Details)))
            .Select(x => new AuditRow(x.Row.Seq, Clock.Local(x.Row.At), x.Row.UserName, x.Row.Address, x.Row.Action, x.Row.Entity, x.Row.EntityId, x.Details is { } d ? TextCut.Shorten(d, 201) : null)).ToList();
        return Page();
    }
}
