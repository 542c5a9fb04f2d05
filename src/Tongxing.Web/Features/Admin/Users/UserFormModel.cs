using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Admin.Users;

/// <summary>What the account form (<c>_UserFields</c>) shows: the input, the units to pick from, whether it is an edit of one's own account.</summary>
public abstract class UserFormModel : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty]
    public UserInput Input { get; set; } = new();

    public IReadOnlyList<Area> Units { get; protected set; } = [];

    public virtual bool Editing => false;

    /// <summary>The administrator's own account: its office and area cannot be changed here.</summary>
    public bool Own { get; protected set; }

    protected void Show(IReadOnlyList<FieldError> errors)
    {
        foreach (var e in errors)
        {
            ModelState.AddModelError(e.Field.Length == 0 ? "" : "Input." + e.Field, e.Message);
        }
    }
}
