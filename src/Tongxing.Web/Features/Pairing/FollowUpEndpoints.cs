using Microsoft.AspNetCore.Mvc;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Funds;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairings;

/// <summary>The JSON API a helper's phone sends to: support logs and visits (multipart, idempotent by the phone's id), and the helper's households.</summary>
public static class FollowUpEndpoints
{
    public const string PhotosField = "photos";

    public static RouteGroupBuilder MapFollowUpEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/households/{id:guid}/support-logs", async (Guid id, [FromForm] SupportLogInput input, HttpRequest request, FollowUpAccess access,
                SupportLogs handler, CancellationToken ct) =>
            {
                var photos = await ReadPhotosAsync(request, access, ct);
                return photos.Error ?? Answer(await handler.Record(id, input, photos.Photos, ct));
            })
            .WithTags("结对帮扶 Pairing")
            .WithSummary("记帮扶日志（multipart）：id=手机生成的记录编号（GUID，重复发送只存一条，返回 duplicate=true），on=日期，kind=Project/Skills/Information/Funds/Care/Other，"
                + "content，money=金额（元），goods，photos=照片（至多3张），latitude/longitude/accuracy=位置（用户同意时），writtenAt=手机填写时间，seenVersion；"
                + "帮扶人只限本人结对的户，村党支部只限本村已结对的户；结对已解除时 409（conflict=pairing-ended）")
            .DisableAntiforgery();
        api.MapPost("/households/{id:guid}/visits", async (Guid id, [FromForm] VisitInput input, HttpRequest request, FollowUpAccess access,
                VisitRecords handler, CancellationToken ct) =>
            {
                var photos = await ReadPhotosAsync(request, access, ct);
                return photos.Error ?? Answer(await handler.Record(id, input, photos.Photos, ct));
            })
            .WithTags("结对帮扶 Pairing")
            .WithSummary("记走访或回访（multipart）：id=手机生成的记录编号（GUID），on，visitors，findings，rating=Good/Fair/Average/Poor（回访必填），ratingComment，suggestions，"
                + "photos，latitude/longitude/accuracy，writtenAt，seenVersion=手机上次看到的回访次数，confirmDuplicate=true 时仍然保存；帮扶人记为走访，镇残联、镇党委、村党支部记为回访；"
                + "回访在手机看到之后已有他人在相近日期回访时 409（conflict=possible-duplicate）")
            .DisableAntiforgery();
        api.MapGet("/households/{id:guid}/follow-up", async (Guid id, int? page, Pairing.FollowUpRecord record, CancellationToken ct) =>
                ApiResults.From(await record.Read(id, Pairing.FollowUpRecord.PageSize, page ?? 1, ct), ApiResults.Ok))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("一户的帮扶记录：帮扶人（每次结对）、帮扶日志和走访回访（最新在前，每页50条，page）、帮扶成效；各办公室限本辖区的户，帮扶人限本人现在结对的户；"
                + "看不到完整个人信息的岗位，文字中的号码已遮挡、不给坐标");
        api.MapGet("/me/households", async (HelperHouseholds handler, CancellationToken ct) => ApiResults.From(await handler.Handle(ct), ApiResults.Ok))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("我的帮扶（党员帮扶人）：本人结对的户、上次帮扶日志、下次应记日志日期、回访到期情况、seenVersion");
        return api;
    }

    /// <summary>The pictures of a multipart send (field <c>photos</c>), each within the size limit and no more than allowed.</summary>
    public static async Task<(IReadOnlyList<IncomingPhoto> Photos, IResult? Error)> ReadPhotosAsync(HttpRequest request, FollowUpAccess access, CancellationToken ct)
    {
        var files = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFiles(PhotosField) : [];
        var read = await ReadAsync(files, access, ct);
        return read.Error is { } message
            ? ([], read.TooLarge
                ? TypedResults.Problem(message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大")
                : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Photos"] = [message] }, title: "提交的数据有误"))
            : (read.Photos, null);
    }

    /// <summary>Reads the chosen pictures (form or API) once; too many or too large gives the message for the Photos field.</summary>
    public static async Task<(IReadOnlyList<IncomingPhoto> Photos, string? Error, bool TooLarge)> ReadAsync(IReadOnlyList<IFormFile> files, FollowUpAccess access, CancellationToken ct)
    {
        var chosen = files.Where(f => f.Length > 0).ToList();
        if (chosen.Count > access.MaxPhotos)
        {
            return ([], $"每条记录最多上传{access.MaxPhotos}张照片", false);
        }
        var photos = new List<IncomingPhoto>();
        foreach (var file in chosen)
        {
            var read = await UploadedPhoto.ReadAsync(file, access.MaxPhotoBytes, ct);
            if (read.TooLarge)
            {
                return ([], UploadedPhoto.TooLargeMessage(access.MaxPhotoBytes), true);
            }
            photos.Add(new IncomingPhoto(read.Content!, read.FileName));
        }
        return (photos, null, false);
    }

    /// <summary>201 for a new record, 200 with duplicate=true for a resend; a conflict says which (pairing-ended, possible-duplicate, id-reused).</summary>
    public static IResult Answer(Outcome<RecordedFollowUp> outcome) => outcome.Status switch
    {
        OutcomeStatus.Ok when outcome.Value!.Duplicate => TypedResults.Ok(outcome.Value),
        OutcomeStatus.Ok => TypedResults.Created((string?)null, outcome.Value),
        OutcomeStatus.Conflict => TypedResults.Problem(outcome.Errors[0].Message, statusCode: StatusCodes.Status409Conflict, title: "记录未保存",
            extensions: new Dictionary<string, object?> { ["conflict"] = outcome.Errors[0].Field is { Length: > 0 } code ? code : "changed" }),
        _ => ApiResults.From(outcome, ApiResults.Ok),
    };
}
