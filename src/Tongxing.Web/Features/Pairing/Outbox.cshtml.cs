using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tongxing.Web.Features.Pairings;

/// <summary>
/// 待发送: what this phone keeps for the signed-in user until it can be sent, what failed and why, and the conflicts to
/// settle. The list lives on the phone (offline.js); the page is only its frame, so it opens without signal.
/// </summary>
public sealed class OutboxModel : PageModel
{
    public void OnGet()
    {
    }
}
