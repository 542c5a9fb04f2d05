using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Admin;

public sealed class AuditModel(AuditLog log, AuditVerifier verifier) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public AuditQuery Query { get; set; } = new();

    /// <summary>The chain's verification, on the log's first page only: it reads every entry.</summary>
    public AuditVerdict? Verdict { get; private set; }

    public AuditPage? Log { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await log.Handle(Query, ct);
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        foreach (var e in outcome.Errors)
        {
            ModelState.AddModelError(string.IsNullOrEmpty(e.Field) ? string.Empty : $"Query.{e.Field}", e.Message);
        }
        Log = outcome.Value;
        if (!Query.IsFiltered && Query.Before is null && Query.After is null)
        {
            Verdict = await verifier.VerifyAsync(ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var outcome = await log.Export(Query, ct);
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        if (!outcome.Ok)
        {
            return await OnGetAsync(ct);
        }
        return File(outcome.Value!, FormWorkbook.ContentType, $"审计日志_{HttpContext.RequestServices.GetRequiredService<TimeProvider>().Today():yyyyMMdd}.xlsx");
    }

    /// <summary>The page's address with the current filters and another place in the log.</summary>
    public string PageUrl(long? before = null, long? after = null, string? handler = null) =>
        Url.Page("Audit", handler, new { Query.User, Query.From, Query.To, Query.Action, Query.Entity, Query.Record, Before = before, After = after })!;
}
