using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Inspections;

/// <summary>One town's inspection: checklist, sample, rectification items and result; each form posts to the same handler as the API.</summary>
public sealed class InspectionModel(InspectionWork work) : PageModel
{
    public InspectionView View { get; private set; } = default!;

    [BindProperty]
    public CheckInput Check { get; set; } = new();

    [BindProperty]
    public SampleInput Sample { get; set; } = new();

    [BindProperty]
    public FindingInput Finding { get; set; } = new();

    [BindProperty]
    public RectificationInput Rectification { get; set; } = new();

    [BindProperty]
    public ConcludeInput Conclusion { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await Show(id, ct);

    public async Task<IActionResult> OnPostCheckAsync(Guid id, string key, CancellationToken ct) =>
        await After(id, await work.SaveCheck(id, key, Check, ct), "已保存该项检查结论。", ct);

    public async Task<IActionResult> OnPostRefreshAsync(Guid id, CancellationToken ct) =>
        await After(id, await work.Refresh(id, ct), "已按最新系统记录重新预填检查清单。", ct);

    public async Task<IActionResult> OnPostSampleAsync(Guid id, CancellationToken ct) =>
        await After(id, await work.Sample(id, Sample, ct), "已随机抽取抽查户。", ct);

    public async Task<IActionResult> OnPostFindingAsync(Guid id, Guid householdId, CancellationToken ct) =>
        await After(id, await work.Finding(id, householdId, Finding, ct), "已登记抽查结果。", ct);

    public async Task<IActionResult> OnPostRectificationAsync(Guid id, CancellationToken ct) =>
        await After(id, await work.AddRectification(id, Rectification, ct), "已提出整改事项。", ct);

    public async Task<IActionResult> OnPostConcludeAsync(Guid id, CancellationToken ct) =>
        await After(id, await work.Conclude(id, Conclusion, ct), "已作出检查验收结论，记录已锁定。", ct);

    private Task<IActionResult> After(Guid id, Outcome<bool> outcome, string done, CancellationToken ct) =>
        this.After(new { id, handler = (string?)null, key = (string?)null, householdId = (Guid?)null }, outcome, done, () => Show(id, ct), _ => "");

    private async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        var outcome = await work.Get(id, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        View = outcome.Value!;
        return Page();
    }
}
