using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Approvals;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Survey;

public sealed class IndexModel(SurveyBoard board, SubmitSurvey submit, ExportAttachment1 export, BatchActions batch) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Town { get; set; }

    /// <summary>The town's list shows only households in this status (the district's filter).</summary>
    [BindProperty(SupportsGet = true)]
    public HouseholdStatus? Status { get; set; }

    /// <summary>The district's review comment, or the reason for returning (required to return).</summary>
    [BindProperty]
    public string? Reason { get; set; }

    public BatchResult? Result { get; private set; }

    [BindProperty]
    public List<Guid> Households { get; set; } = [];

    [BindProperty]
    public List<Guid> Reserves { get; set; } = [];

    public SurveyBoardView Board { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Show(ct);

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        var outcome = await submit.Handle(new SubmitSurveyCommand { Households = Households, Reserves = Reserves }, ct);
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        if (outcome.Ok)
        {
            TempData["Message"] = $"已向区残联报送汇总表（附件1）：正式对象{outcome.Value!.Regular}户，备选{outcome.Value.Reserves}户。";
            return RedirectToPage();
        }
        foreach (var e in outcome.Errors)
        {
            ModelState.AddModelError(string.Empty, e.Message);
        }
        return await Show(ct);
    }

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) => Review(BatchAction.Accept, ct);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken ct) => Review(BatchAction.Return, ct);

    /// <summary>The district reviews the ticked households of the town at once; the page then says what became of each.</summary>
    private async Task<IActionResult> Review(BatchAction action, CancellationToken ct)
    {
        var outcome = await batch.Handle(new BatchCommand { Action = action, Comment = Reason, Households = Households }, ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                Result = outcome.Value;
                Reason = null;
                break;
            case OutcomeStatus.Forbidden:
                return Forbid();
            default:
                foreach (var e in outcome.Errors)
                {
                    ModelState.AddModelError(e.Field == nameof(BatchCommand.Comment) ? nameof(Reason) : string.Empty, e.Message);
                }
                break;
        }
        return await Show(ct);
    }

    /// <summary>附件1: what the town submitted, or (from the household list, <c>filtered=true</c>) what its filters show.</summary>
    public async Task<IActionResult> OnGetExportAsync([FromQuery] Attachment1Query query, CancellationToken ct)
    {
        var outcome = await export.Handle(query, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        var file = outcome.Value!;
        var stream = await Downloads.WriteToTempFileAsync(s => Attachment1Workbook.WriteAsync(s, file.Heading, file.Rows, ct), ct);
        return File(stream, Attachment1Workbook.ContentType, file.FileName);
    }

    private async Task<IActionResult> Show(CancellationToken ct)
    {
        var outcome = await board.Handle(Town, ct, Status);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        Board = outcome.Value!;
        return Page();
    }
}
