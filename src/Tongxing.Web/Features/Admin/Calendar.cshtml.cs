using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Admin;

public sealed class CalendarModel(HolidayTables tables, CurrentUser me) : PageModel
{
    public IReadOnlyList<HolidayYearView> Years { get; private set; } = [];

    [BindProperty]
    public int Year { get; set; }

    [BindProperty]
    public IFormFile? Csv { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.Can(Capability.ManageCalendar))
        {
            return Forbid();
        }
        Years = await tables.List(ct);
        Year = (Years.Count == 0 ? 2026 : Years[^1].Year) + 1;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Csv is null || Csv.Length == 0 || Csv.Length > 100_000)
        {
            ModelState.AddModelError(nameof(Csv), "请选择节假日安排 CSV 文件（不超过100KB）");
        }
        else
        {
            using var reader = new StreamReader(Csv.OpenReadStream());
            var outcome = await tables.Load(Year, await reader.ReadToEndAsync(ct), ct);
            if (outcome.Status == OutcomeStatus.Forbidden)
            {
                return Forbid();
            }
            if (outcome.Ok)
            {
                TempData["Message"] = $"已导入{Year}年节假日安排，共{outcome.Value}天。";
                return RedirectToPage();
            }
            foreach (var e in outcome.Errors)
            {
                ModelState.AddModelError(e.Field == "Year" ? nameof(Year) : nameof(Csv), e.Message);
            }
        }
        Years = await tables.List(ct);
        return Page();
    }
}
