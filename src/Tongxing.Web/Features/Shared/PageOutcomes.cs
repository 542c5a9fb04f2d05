using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tongxing.Web.Features.Shared;

/// <summary>How a page answers a use case's outcome after a post: done → message and back to the page; refused → the reasons on the page.</summary>
public static class PageOutcomes
{
    /// <param name="show">Re-renders the page with the errors in ModelState.</param>
    /// <param name="fieldKey">Maps a use case's field name to the page's model key; empty for the summary.</param>
    public static Task<IActionResult> After<T>(this PageModel page, Guid id, Outcome<T> outcome, string done, Func<Task<IActionResult>> show, Func<string, string>? fieldKey = null) =>
        page.After(new { id }, outcome, done, show, fieldKey);

    /// <param name="route">The route values of the page to return to when done (null: the same page as it is).</param>
    public static async Task<IActionResult> After<T>(this PageModel page, object? route, Outcome<T> outcome, string done, Func<Task<IActionResult>> show, Func<string, string>? fieldKey = null)
    {
        switch (outcome.Status)
        {
            case OutcomeStatus.Ok:
                page.TempData["Message"] = done;
                return page.RedirectToPage(route);
            case OutcomeStatus.Forbidden:
                return page.Forbid();
            case OutcomeStatus.NotFound:
                return page.NotFound();
            default:
                foreach (var e in outcome.Errors)
                {
                    page.ModelState.AddModelError(fieldKey?.Invoke(e.Field) ?? string.Empty, e.Message);
                }
                return await show();
        }
    }
}
