using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Households;

public sealed class IndexModel(ListHouseholds list, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public HouseholdListQuery Query { get; set; } = new();

    public HouseholdListPage? Result { get; private set; }

    /// <summary>htmx asks for the table only when a filter changes (the village filter comes along out of band).</summary>
    public bool RefreshingTable => Request.Headers.ContainsKey("HX-Request");

    /// <summary>The search was refused (said at the box): the list, and what it exports, are without it.</summary>
    private bool SearchRefused => ModelState.TryGetValue("Query.Q", out var q) && q.Errors.Count > 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var outcome = await list.Handle(Query, ct);
        if (outcome.Status == OutcomeStatus.Forbidden)
        {
            return Forbid();
        }
        if (outcome.Status == OutcomeStatus.Invalid)
        {
            // A search the user may not make: said at the search box, and the list shown without it.
            foreach (var e in outcome.Errors)
            {
                ModelState.AddModelError("Query.Q", e.Message);
            }
            var typed = Query.Q;
            Query.Q = null;
            outcome = await list.Handle(Query, ct);
            Query.Q = typed;
        }
        // A village left chosen from another town (the user has just changed the town): the whole town instead.
        if (!string.IsNullOrEmpty(Query.Town) && outcome.Value!.Villages.FirstOrDefault(v => v.Code == Query.Village) is { } village && village.ParentCode != Query.Town)
        {
            Query.Village = null;
            outcome = await list.Handle(Query, ct);
        }
        // A village chosen without its town (a link from elsewhere): the town is shown chosen too, so its villages are offered.
        if (string.IsNullOrEmpty(Query.Town) && outcome.Value!.Towns.Count > 1 && outcome.Value.Villages.FirstOrDefault(v => v.Code == Query.Village) is { } alone)
        {
            Query.Town = alone.ParentCode;
        }
        Result = outcome.Value;
        if (!RefreshingTable && Result!.Page > Result.PageCount)
        {
            // A page past the end (an old link, a list that shrank): its last page, not an empty table.
            return Redirect(PageUrl(Result.PageCount));
        }
        return RefreshingTable ? Partial("_HouseholdTable", this) : Page();
    }

    /// <summary>
    /// 附件1 of what the list shows, for the offices that export it, once the list is one town's (a town user's, or a
    /// town chosen by the district); null otherwise.
    /// </summary>
    public string? Attachment1Url =>
        me.Can(Capability.ViewFullPersonalData) && me.Scope is { } scope && scope.Level is AreaLevel.Town or AreaLevel.District
        && (scope.Level == AreaLevel.Town || !string.IsNullOrEmpty(Query.Town))
            ? Url.Page("/Survey/Index", "Export", new { Query.Town, Filtered = true, Query.Village, Query.Status, Query.Screening, Q = SearchRefused ? null : Query.Q })
            : null;

    public string PageUrl(int page) =>
        PageLinks.To("/Households", new { Query.Town, Query.Village, Query.Status, Query.Screening, Query.Q, Page = page });
}
