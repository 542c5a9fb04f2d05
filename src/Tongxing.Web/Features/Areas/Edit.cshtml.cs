using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Areas;

/// <summary>One unit of the administrator's area: rename, retire (with everything below it) or restore.</summary>
public sealed class EditModel(ListAreas list, ChangeAreas change) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty]
    public string? Name { get; set; }

    public AreaNode? Unit { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await Show(keepName: false, ct);

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken ct) =>
        await After(await change.Rename(Code, new RenameAreaInput(Name), ct), "已更名为{0}。", ct);

    public async Task<IActionResult> OnPostRetireAsync(CancellationToken ct) =>
        await After(await change.Retire(Code, ct), "已撤销{0}：不再用于新的登记和用户，已有记录保留其名称。", ct);

    public async Task<IActionResult> OnPostRestoreAsync(CancellationToken ct) =>
        await After(await change.Restore(Code, ct), "已恢复{0}。", ct);

    private async Task<IActionResult> After(Outcome<AreaView> outcome, string done, CancellationToken ct)
    {
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                TempData["Message"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, done, outcome.Value!.Name);
                return RedirectToPage(new { code = Code });
            case OutcomeStatus.Forbidden when outcome.Errors.Count > 0 && outcome.Errors[0].Message != ImportAreas.NotAllowed:
                ModelState.AddModelError("", outcome.Errors[0].Message);
                return await Show(keepName: true, ct);
            case OutcomeStatus.Forbidden:
                return Forbid();
            case OutcomeStatus.NotFound:
                return NotFound();
        }
        foreach (var e in outcome.Errors)
        {
            ModelState.AddModelError(e.Field == "Name" ? nameof(Name) : "", e.Message);
        }
        return await Show(keepName: true, ct);
    }

    private async Task<IActionResult> Show(bool keepName, CancellationToken ct)
    {
        var outcome = await list.Handle(Code, ct);
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        if (!outcome.Ok || outcome.Value!.Current is null)
        {
            return NotFound();
        }
        Unit = outcome.Value.Current;
        if (!keepName)
        {
            Name = Unit.Area.Name;
        }
        return Page();
    }
}
