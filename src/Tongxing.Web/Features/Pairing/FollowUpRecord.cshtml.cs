using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

/// <summary>All support logs and visits of a household (全部), a page at a time.</summary>
public sealed class FollowUpRecordModel(FollowUpRecord record) : PageModel
{
    public FollowUpView View { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, int? page, CancellationToken ct)
    {
        var outcome = await record.Read(id, FollowUpRecord.PageSize, page ?? 1, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        View = outcome.Value!;
        return Page();
    }
}
