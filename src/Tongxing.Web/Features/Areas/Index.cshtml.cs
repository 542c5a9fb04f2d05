using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Areas;

/// <summary>The administrator's area, one level at a time, with counts; a village added by hand under a town.</summary>
public sealed class IndexModel(ListAreas list, ChangeAreas change) : PageModel
{
    public AreaTreeView Tree { get; private set; } = new(null, [], []);

    [BindProperty(SupportsGet = true)]
    public string? Under { get; set; }

    [BindProperty]
    public NewVillageForm Village { get; set; } = new();

    public sealed class NewVillageForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Show(ct);

    public async Task<IActionResult> OnPostVillageAsync(CancellationToken ct)
    {
        var outcome = await change.AddVillage(new NewVillageInput(Under, Village.Code, Village.Name), ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                TempData["Message"] = $"已新增{outcome.Value!.Name}（{outcome.Value.Code}）。";
                return RedirectToPage(new { under = Under });
            case OutcomeStatus.Forbidden:
                return Forbid();
            case OutcomeStatus.NotFound:
                return NotFound();
        }
        foreach (var e in outcome.Errors)
        {
            ModelState.AddModelError(e.Field is "Code" or "Name" ? "Village." + e.Field : "", e.Message);
        }
        return await Show(ct);
    }

    private async Task<IActionResult> Show(CancellationToken ct)
    {
        var outcome = await list.Handle(Under, ct);
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        if (!outcome.Ok)
        {
            return NotFound();
        }
        Tree = outcome.Value!;
        return Page();
    }
}
