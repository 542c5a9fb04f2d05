using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Features.Notices;

namespace Tongxing.Web.Features.Public;

/// <summary>The one page the public may read: a notice by its unguessable link — masked names and ID numbers, dates, issuer.</summary>
public sealed class NoticeModel(GetNotice get) : PageModel
{
    public NoticeView Notice { get; private set; } = default!;
    public string Body { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var notice = await get.Public(token, ct);
        if (notice is null)
        {
            return NotFound();
        }
        Notice = notice;
        Body = notice.BodyText();
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        return Page();
    }
}
