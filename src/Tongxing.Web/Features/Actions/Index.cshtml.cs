using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Actions;

/// <summary>督办事项: the user's own actions to close, and for the district's offices all of the district's (the same handler as the API).</summary>
public sealed class IndexModel(FollowUpActions actions, Auth.CurrentUser me) : PageModel
{
    public IReadOnlyList<ActionRow> Mine { get; private set; } = [];
    public ActionList? Area { get; private set; }
    public ActionFilter Filter { get; private set; } = ActionFilter.Open;

    [BindProperty]
    public CompleteActionInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? state, int? p, CancellationToken ct) => await Show(state, p, ct);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var outcome = await actions.Complete(id, Input, ct);
        if (outcome.Ok)
        {
            TempData["Message"] = "已办结该督办事项。";
            return RedirectToPage();
        }
        if (outcome.Status == OutcomeStatus.NotFound)
        {
            return NotFound();
        }
        foreach (var e in outcome.Errors)
        {
            ModelState.AddModelError(e.Field == "DoneNote" ? $"Note-{id}" : "", e.Message);
        }
        return await Show(null, null, ct);
    }

    public string? NoteError(Guid id) => ModelState.TryGetValue($"Note-{id}", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task<IActionResult> Show(string? state, int? page, CancellationToken ct)
    {
        var mine = await actions.Mine(ct);
        if (!mine.Ok)
        {
            return Forbid();
        }
        Mine = mine.Value!;
        if (me.Can(Capability.ViewMeetings))
        {
            Filter = Enum.TryParse<ActionFilter>(state, true, out var f) ? f : ActionFilter.Open;
            Area = (await actions.OfArea(Filter, page ?? 1, ct)).Value;
        }
        return Page();
    }
}
