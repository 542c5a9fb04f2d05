using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Approvals;

/// <summary>审批办理: the households waiting for a step my office takes; select many and take the step for all of them.</summary>
public sealed class IndexModel(PendingApprovals queue, BatchActions batch) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ApprovalStep? Step { get; set; }

    [BindProperty]
    public List<Guid> Households { get; set; } = [];

    [BindProperty]
    public string? Comment { get; set; }

    public PendingApprovalsView Queue { get; private set; } = default!;

    public BatchResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Show(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Step is not { } step || BatchActions.Of(step) is not { } action)
        {
            ModelState.AddModelError(string.Empty, "请选择要办理的审批环节");
            return await Show(ct);
        }
        var outcome = await batch.Handle(new BatchCommand { Action = action, Comment = Comment, Households = Households }, ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                Result = outcome.Value;
                Comment = null;
                break;
            case OutcomeStatus.Forbidden:
                return Forbid();
            default:
                foreach (var e in outcome.Errors)
                {
                    ModelState.AddModelError(e.Field is nameof(Comment) or nameof(Households) ? e.Field : string.Empty, e.Message);
                }
                break;
        }
        return await Show(ct);
    }

    private async Task<IActionResult> Show(CancellationToken ct)
    {
        var outcome = await queue.Handle(Step, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        Queue = outcome.Value!;
        Step = Queue.Current?.Step;
        return Page();
    }
}
