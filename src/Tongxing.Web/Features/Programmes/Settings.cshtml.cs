using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Programmes;

public sealed class SettingsModel(ChangeEligibility change, CurrentUser me) : PageModel
{
    [BindProperty]
    public EligibilityInput Input { get; set; } = new();

    public string ProgrammeName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.Can(Capability.ConfigureProgramme))
        {
            return Forbid();
        }
        var p = await change.CurrentAsync(ct);
        if (p is null)
        {
            return NotFound();
        }
        ProgrammeName = p.Name;
        Input = EligibilityInput.From(p);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var bindingErrors = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToList();
        ModelState.Clear();
        foreach (var key in bindingErrors)
        {
            ModelState.AddModelError(key, "请填写有效的数值或日期");
        }
        if (bindingErrors.Count == 0)
        {
            var outcome = await change.Handle(Input, ct);
            if (outcome.Status == OutcomeStatus.Forbidden)
            {
                return Forbid();
            }
            if (outcome.Ok)
            {
                TempData["Message"] = outcome.Value!.Screened == 0 ? "参数未变化。" : $"已保存。重新筛查{outcome.Value.Screened}户，其中{outcome.Value.Changed}户筛查结果发生变化，已记入各户办理记录。";
                return RedirectToPage();
            }
            foreach (var e in outcome.Errors)
            {
                ModelState.AddModelError(string.IsNullOrEmpty(e.Field) ? string.Empty : "Input." + e.Field, e.Message);
            }
        }
        ProgrammeName = (await change.CurrentAsync(ct))?.Name ?? "";
        return Page();
    }
}
