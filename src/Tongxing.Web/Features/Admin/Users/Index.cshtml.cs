using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Admin.Users;

/// <summary>/Admin/Users: the accounts of the administrator's area, filtered by office, unit, state and name.</summary>
public sealed class IndexModel(UserAccounts accounts, CurrentUser me, AreaDirectory areas) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public UserQuery Query { get; set; } = new();

    public UserPage? Result { get; private set; }

    public IReadOnlyList<Area> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.Can(Capability.ManageUsers))
        {
            return Forbid();
        }
        Units = await UnitsAsync(areas, me, ct);
        var outcome = await accounts.List(Query, ct);
        if (!outcome.Ok)
        {
            foreach (var e in outcome.Errors)
            {
                ModelState.AddModelError("Query." + e.Field, e.Message);
            }
            outcome = await accounts.List(new UserQuery(), ct);
        }
        Result = outcome.Value;
        return Page();
    }

    /// <summary>The units an administrator may pick (its own and those below it, villages only in a town's or district's list).</summary>
    public static async Task<IReadOnlyList<Area>> UnitsAsync(AreaDirectory areas, CurrentUser me, CancellationToken ct)
    {
        var all = await areas.WithinAsync(me.Scope, ct);
        return all.Count <= 2000 ? all : all.Where(a => a.Level < AreaLevel.Village).ToList();
    }

    public static string Indent(Area a) => new string('　', Math.Max(0, (int)a.Level - 1)) + a.Name;

    public string PageLink(int page) =>
        $"/Admin/Users?Role={Query.Role}&Area={Uri.EscapeDataString(Query.Area ?? "")}&State={Query.State}&Q={Uri.EscapeDataString(Query.Q ?? "")}&Page={page}";
}
