using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Notices;

public sealed class PrintModel(GetNotice get) : PageModel
{
    public NoticeView Notice { get; private set; } = default!;
    public string Body { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public string PublicUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var outcome = await get.Handle(id, ct);
        if (!outcome.Ok)
        {
            return NotFound();
        }
        Notice = outcome.Value!;
        PublicUrl = HttpContext.RequestServices.GetRequiredService<PublicLinks>().Notice(Notice.PublicToken);
        Body = Notice.BodyText();
        QrSvg = NoticeDocument.QrSvg(PublicUrl);
        return Page();
    }
}
