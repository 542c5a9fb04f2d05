using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Meetings;

/// <summary>Records or corrects a joint meeting with its new follow-up actions, or shows it to a reader (the same handler as the API).</summary>
public sealed class EditModel(JointMeetings meetings, TimeProvider clock) : PageModel
{
    /// <summary>Blank action rows offered on the form (more can be added after saving).</summary>
    public const int BlankRows = 3;

    public MeetingView? View { get; private set; }
    public IReadOnlyList<ActionOwnerChoice> Owners { get; private set; } = [];
    public bool CanManage { get; private set; }
    public string Today => clock.Today().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [BindProperty]
    public MeetingInput Input { get; set; } = new();

    /// <summary>The usual departments ticked on the form.</summary>
    [BindProperty]
    public List<string> Departments { get; set; } = [];

    /// <summary>Other departments written in.</summary>
    [BindProperty]
    public string? OtherDepartments { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        var shown = await Show(id, ct);
        if (View is { } v)
        {
            Input = new MeetingInput { On = v.On, Place = v.Place, Attendees = v.Attendees, Topics = v.Topics, Decisions = v.Decisions, Version = v.Version };
            var parts = v.Departments.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Departments = parts.Where(MeetingRules.UsualDepartments.Contains).ToList();
            OtherDepartments = string.Join("、", parts.Where(x => !MeetingRules.UsualDepartments.Contains(x)));
        }
        else if (id is null)
        {
            Input.On = Today;
            Departments = [.. MeetingRules.UsualDepartments];
        }
        return shown;
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Input.Departments = string.Join("、", Departments.Where(MeetingRules.UsualDepartments.Contains)
            .Concat((OtherDepartments ?? "").Split(['、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct());
        var outcome = await meetings.Save(id, Input, ct);
        if (outcome.Ok)
        {
            TempData["Message"] = "已保存会议记录。";
            return RedirectToPage(new { id = outcome.Value });
        }
        return await this.After(new { id }, outcome, "", () => Show(id, ct), field => string.IsNullOrEmpty(field) ? "" : "Input." + field);
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue("Input." + key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task<IActionResult> Show(Guid? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            var outcome = await meetings.Get(existing, ct);
            if (!outcome.Ok)
            {
                return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
            }
            View = outcome.Value;
            CanManage = View!.CanManage;
        }
        var owners = await meetings.Owners(null, ct);
        if (id is null && !owners.Ok)
        {
            return Forbid();
        }
        CanManage = owners.Ok;
        Owners = owners.Value ?? [];
        while (Input.Actions.Count < BlankRows)
        {
            Input.Actions.Add(new MeetingActionInput());
        }
        return Page();
    }
}
