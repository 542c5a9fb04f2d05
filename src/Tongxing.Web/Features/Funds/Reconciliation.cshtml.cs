using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

public sealed class ReconciliationModel(ReconciliationReport report, TimeProvider clock) : PageModel
{
    public ReconciliationView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await report.Handle(ct);
        if (Refusal(outcome) is { } refused)
        {
            return refused;
        }
        View = outcome.Value!;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var outcome = await report.Export(ct);
        if (Refusal(outcome) is { } refused)
        {
            return refused;
        }
        var stream = await Downloads.WriteToTempFileAsync(s => { ReconciliationWorkbook.Write(s, outcome.Value!); return Task.CompletedTask; }, ct);
        return File(stream, FormWorkbook.ContentType, ReconciliationEndpoints.FileName(outcome.Value!, clock));
    }

    /// <summary>No programme in the district: not found; any other refusal: forbidden.</summary>
    private IActionResult? Refusal(Outcome<ReconciliationView> outcome) =>
        outcome.Ok ? null : outcome.Status == OutcomeStatus.NotFound ? NotFound() : Forbid();

    /// <summary>Fen as yuan for the tables ("1,000.00").</summary>
    public static string Yuan(long fen) => new Money(fen).ToYuanString();
}
