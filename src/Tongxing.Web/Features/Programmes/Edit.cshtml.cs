using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Programmes;

/// <summary>Create a year's programme (blank, or a copy of the latest year) or change one; the same form for both.</summary>
public sealed class EditModel(ListProgrammes list, CreateProgramme create, EditProgramme edit) : PageModel
{
    [BindProperty]
    public ProgrammeInput Input { get; set; } = new();

    public ProgrammeForm Form { get; private set; } = null!;

    public bool IsNew => Form.Id == 0;

    public async Task<IActionResult> OnGetAsync(int? id, string? district, bool copy, CancellationToken ct)
    {
        var outcome = id is { } i ? await list.Get(i, ct) : await list.Draft(district, copy, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        Form = outcome.Value!;
        Input = Form.Input;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var bindingErrors = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToList();
        ModelState.Clear();
        foreach (var key in bindingErrors)
        {
            ModelState.AddModelError(key, "请填写有效的数值或日期");
        }
        IReadOnlyList<FieldError> errors = [];
        if (bindingErrors.Count == 0)
        {
            if (id is { } i)
            {
                var outcome = await edit.Handle(i, Input, ct);
                switch (outcome.Status)
                {
                    case OutcomeStatus.Ok:
                        TempData["Message"] = outcome.Value!.Rescreened > 0
                            ? $"已保存。扶持条件有变化，已重新筛查{outcome.Value.Rescreened}户，其中{outcome.Value.Changed}户筛查结果发生变化。"
                            : "已保存。";
                        return RedirectToPage("Details", new { id = i });
                    case OutcomeStatus.Forbidden:
                        return Forbid();
                    case OutcomeStatus.NotFound:
                        return NotFound();
                }
                errors = outcome.Errors;
            }
            else
            {
                var outcome = await create.Handle(Input, ct);
                switch (outcome.Status)
                {
                    case OutcomeStatus.Ok:
                        TempData["Message"] = $"已建立{Input.Year}年度帮扶项目。";
                        return RedirectToPage("Details", new { id = outcome.Value });
                    case OutcomeStatus.Forbidden:
                        return Forbid();
                    case OutcomeStatus.NotFound:
                        return NotFound();
                }
                errors = outcome.Errors;
            }
        }
        foreach (var e in errors)
        {
            ModelState.AddModelError(string.IsNullOrEmpty(e.Field) ? string.Empty : "Input." + e.Field, e.Message);
        }
        var again = id is { } j ? await list.Get(j, ct) : await list.Draft(Input.DistrictCode, false, ct);
        if (!again.Ok)
        {
            return again.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        // The form shows what was typed, with the district's towns, flags and locks around it.
        Form = await list.FormAsync(again.Value!.Id, again.Value.Input.DistrictCode ?? "", Input, again.Value.Locks, again.Value.Usage, again.Value.Current, ct);
        return Page();
    }
}
