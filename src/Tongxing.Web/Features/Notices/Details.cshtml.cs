using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Notices;

public sealed class DetailsModel(GetNotice get, NoticeActions actions) : PageModel
{
    public NoticeView Notice { get; private set; } = default!;

    [BindProperty]
    public ObjectionInput Objection { get; set; } = new();

    [BindProperty]
    public ResolutionInput Resolution { get; set; } = new();

    [BindProperty]
    public IFormFile? Photo { get; set; }

    public string PublicUrl => HttpContext.RequestServices.GetRequiredService<PublicLinks>().Notice(Notice.PublicToken);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await Show(id, ct);

    public async Task<IActionResult> OnPostPhotoAsync(Guid id, CancellationToken ct)
    {
        if (Photo is null || Photo.Length == 0)
        {
            ModelState.AddModelError(nameof(Photo), "请选择照片");
            return await Show(id, ct);
        }
        if (Photo.Length > actions.MaxPhotoBytes)
        {
            ModelState.AddModelError(nameof(Photo), $"照片不能超过{actions.MaxPhotoBytes / 1024 / 1024}MB");
            return await Show(id, ct);
        }
        using var buffer = new MemoryStream();
        await Photo.CopyToAsync(buffer, ct);
        return await After(id, await actions.AddPhoto(id, Photo.FileName, buffer.ToArray(), ct), "照片已上传（已去除拍摄位置等信息）。", ct);
    }

    public async Task<IActionResult> OnPostObjectionAsync(Guid id, CancellationToken ct) =>
        await After(id, await actions.RaiseObjection(id, Objection, ct), "异议已登记。处理完毕前，相关对象不能进入下一环节。", ct);

    public async Task<IActionResult> OnPostResolveAsync(Guid id, Guid objectionId, CancellationToken ct) =>
        await After(id, await actions.ResolveObjection(id, objectionId, Resolution, ct), "异议处理情况已记录。", ct);

    public async Task<IActionResult> OnPostPassAsync(Guid id, CancellationToken ct)
    {
        var outcome = await actions.Pass(id, ct);
        return await After(id, outcome.Ok ? Outcome<Guid>.Success(id) : new Outcome<Guid>(outcome.Status, default, outcome.Errors), $"已确认{outcome.Value}户公示通过。", ct);
    }

    public async Task<IActionResult> OnGetPhotoAsync(Guid id, Guid photoId, CancellationToken ct)
    {
        var photo = await actions.Photo(id, photoId, ct);
        if (photo is null)
        {
            return NotFound();
        }
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(photo.Content, photo.ContentType);
    }

    public async Task<IActionResult> OnGetDocxAsync(Guid id, CancellationToken ct)
    {
        var outcome = await get.Handle(id, ct);
        if (!outcome.Ok)
        {
            return NotFound();
        }
        Notice = outcome.Value!;
        return File(NoticeDocument.Docx(Notice.ToText(PublicUrl)), NoticeDocument.ContentType, $"公示_{Notice.VillageName}_{Notice.StartDate}.docx");
    }

    private Task<IActionResult> After(Guid id, Outcome<Guid> outcome, string done, CancellationToken ct) =>
        this.After(id, outcome, done, () => Show(id, ct));

    private async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        var outcome = await get.Handle(id, ct);
        if (!outcome.Ok)
        {
            return outcome.Status == OutcomeStatus.Forbidden ? Forbid() : NotFound();
        }
        Notice = outcome.Value!;
        return Page();
    }
}
