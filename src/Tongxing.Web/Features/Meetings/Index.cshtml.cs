using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Meetings;

/// <summary>The district's joint meetings, newest first (the same handler as the API).</summary>
public sealed class IndexModel(JointMeetings meetings) : PageModel
{
    public MeetingList List { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int? p, CancellationToken ct)
    {
        var outcome = await meetings.List(p ?? 1, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        List = outcome.Value!;
        return Page();
    }
}
