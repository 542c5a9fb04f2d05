using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

/// <summary>The outcome form of one household (帮扶成效): the same handler as the API.</summary>
public sealed class OutcomeModel(Outcomes outcomes) : PageModel
{
    public OutcomeView View { get; private set; } = default!;

    [BindProperty]
    public OutcomeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var shown = await Show(id, ct);
        if (View is { } v)
        {
            Input = new OutcomeInput
            {
                Skill1 = v.Skill1,
                Skill2 = v.Skill2,
                Progress = v.Progress,
                FailureReason = v.FailureReason,
                IncomeAtStart = v.IncomeAtStart,
                IncomeLatest = v.IncomeLatest,
                IncomeLatestOn = v.IncomeLatestOn,
                Version = v.Version,
            };
        }
        return shown;
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        await this.After(new { id }, await outcomes.Save(id, Input, ct), "已保存帮扶成效。", () => Show(id, ct),
            field => string.IsNullOrEmpty(field) ? "" : "Input." + field);

    public string? ErrorOf(string key) => ModelState.TryGetValue("Input." + key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task<IActionResult> Show(Guid householdId, CancellationToken ct)
    {
        var outcome = await outcomes.Get(householdId, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        View = outcome.Value!;
        return Page();
    }
}
