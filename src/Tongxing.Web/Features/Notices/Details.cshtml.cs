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
    public ObjectionWithdrawalInput Withdrawal { get; set; } = new();

    [BindProperty]
    public IFormFile? Photo { get; set; }

    /// <summary>The objection whose form was posted and refused: its form shows the messages and keeps what was typed.</summary>
    public Guid? ActiveObjection { get; private set; }

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
        return await After(id, await actions.AddPhoto(id, Photo.FileName, buffer.ToArray(), ct), "照片已上传（已去除拍摄位置等信息）。", ct, _ => nameof(Photo));
    }

    public async Task<IActionResult> OnPostObjectionAsync(Guid id, CancellationToken ct) =>
        await After(id, await actions.RaiseObjection(id, Objection, ct), "异议已登记。处理完毕前，相关对象不能进入下一环节。", ct, field => "Objection." + Field(field, "Content"));

    public async Task<IActionResult> OnPostResolveAsync(Guid id, Guid objectionId, CancellationToken ct)
    {
        ActiveObjection = objectionId;
        return await After(id, await actions.ResolveObjection(id, objectionId, Resolution, ct), Resolution.Upheld ? "已记录：异议成立，该户已取消帮扶资格。" : "已记录：异议不成立。", ct,
            field => "Resolution." + Field(field, "Resolution"));
    }

    public async Task<IActionResult> OnPostWithdrawObjectionAsync(Guid id, Guid objectionId, CancellationToken ct)
    {
        ActiveObjection = objectionId;
        return await After(id, await actions.WithdrawObjection(id, objectionId, Withdrawal, ct), "已撤销误登记的异议。", ct, _ => "Withdrawal.Reason");
    }

    public async Task<IActionResult> OnPostPassAsync(Guid id, CancellationToken ct)
    {
        var outcome = await actions.Pass(id, ct);
        return await After(id, outcome.Ok ? Outcome<Guid>.Success(id) : new Outcome<Guid>(outcome.Status, default, outcome.Errors), $"已确认{outcome.Value}户公示通过。", ct,
            _ => "Pass");
    }

    /// <summary>The first message at a field of the page, if it was refused.</summary>
    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>A refusal without a field of its own is shown at the form's main field.</summary>
    private static string Field(string field, string main) => string.IsNullOrEmpty(field) ? main : field;

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

    private Task<IActionResult> After(Guid id, Outcome<Guid> outcome, string done, CancellationToken ct, Func<string, string>? fieldKey = null) =>
        this.After(id, outcome, done, () => Show(id, ct), fieldKey ?? (field => field));

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
