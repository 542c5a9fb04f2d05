using Microsoft.AspNetCore.Mvc;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Funds;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

/// <summary>The JSON API of the helper register, pairings and the agreement (附件3): the same handlers as the pages under /Pairing.</summary>
public static class HelpersEndpoints
{
    public static RouteGroupBuilder MapHelperAndPairingEndpoints(this RouteGroupBuilder api)
    {
        var helpers = api.MapGroup("/helpers").WithTags("结对帮扶 Pairing");
        helpers.MapGet("/", async ([AsParameters] HelperListQuery query, HelpersRegister handler, CancellationToken ct) => ApiResults.From(await handler.List(query, ct), ApiResults.Ok))
            .WithSummary("本辖区的党员帮扶人（可按 village、姓名 q 筛选，分页 page），含每人当前结对户数；非村镇党组织看到的手机号已遮蔽");
        helpers.MapPost("/", async (HelperInput input, HelpersRegister handler, CancellationToken ct) => ApiResults.From(await handler.Register(input, ct), ApiResults.Ok))
            .WithSummary("登记帮扶人（村党支部、镇党委）：name、gender（Male/Female）、phone、partyBranch、workUnit、post、kind（WealthLeader/Technician/ScienceEnvoy/TradeAssociation）、skills、villageCode；createAccount=true 时同时开通登录账号（userName 可选），返回只显示一次的临时密码");
        helpers.MapPut("/{id:guid}", async (Guid id, HelperInput input, HelpersRegister handler, CancellationToken ct) => ApiResults.From(await handler.Change(id, input, ct), ApiResults.Ok))
            .WithSummary("修改帮扶人信息（须带回读取时的 version）");
        helpers.MapPost("/{id:guid}/account", async (Guid id, HelperAccountInput input, HelpersRegister handler, CancellationToken ct) => ApiResults.From(await handler.OpenAccount(id, input, ct), ApiResults.Ok))
            .WithSummary("为已登记的帮扶人开通登录账号（职务“党员帮扶人”，区域为其所在村；返回只显示一次的临时密码，首次登录须修改）");

        api.MapGet("/households/{id:guid}/pairings", async (Guid id, PairingActions handler, CancellationToken ct) => ApiResults.From(await handler.Of(id, ct), ApiResults.Ok))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("该户的全部结对记录（含已解除），协议签订情况，可选的本镇帮扶人");
        api.MapPost("/households/{id:guid}/pairings", async (Guid id, PairInput input, PairingActions handler, CancellationToken ct) =>
                ApiResults.From(await handler.Pair(id, input, ct), p => TypedResults.Ok(new { pairingId = p })))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("结对（村党支部、镇党委）：helperId、on=结对日期 yyyy-MM-dd（默认今天）、version=该户版本（可选）；每户1至2名帮扶人，每名帮扶人至多结对户数见项目设置");
        api.MapPost("/pairings/{id:guid}/end", async (Guid id, EndPairingInput input, PairingActions handler, CancellationToken ct) =>
                ApiResults.From(await handler.End(id, input, ct), p => TypedResults.Ok(new { pairingId = p })))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("解除结对（reason、on、version）；带 replacementHelperId 时为更换帮扶人，一次保存，返回新结对的 id；结对截止日后不能使一户没有帮扶人");
        api.MapGet("/pairings/{id:guid}/agreement.docx", async (Guid id, [AsParameters] AgreementHelpInput help, AgreementForms handler, CancellationToken ct) =>
                ApiResults.From(await handler.Form(id, help, ct), f => TypedResults.File(Attachment3Document.Docx(f.Form), Word.ContentType, f.FileName)))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("附件3 帮扶协议书（.docx，A4一页；含户主完整身份证号，每次导出记入审计日志）；可选 project、skills、information、funds 填写四项帮扶内容，不填则留空线手写");
        api.MapPost("/pairings/{id:guid}/agreement", async (Guid id, [FromForm] AgreementInput input, IFormFile? photo, AgreementForms handler, CancellationToken ct) =>
            {
                var read = await UploadedPhoto.ReadAsync(photo, handler.MaxPhotoBytes, ct);
                return read.TooLarge
                    ? TypedResults.Problem("照片过大", statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大")
                    : ApiResults.From(await handler.Attach(id, input, read.Content, read.FileName, ct), v => TypedResults.Ok(new { version = v }));
            })
            .WithTags("结对帮扶 Pairing")
            .WithSummary("上传签字盖章后的协议书（multipart）：signedOn=签订日期，version=结对版本，photo=照片或扫描件（JPEG/PNG）；上传后显示“协议已签订”")
            .DisableAntiforgery();
        api.MapGet("/pairings/{id:guid}/agreement/scan", async (Guid id, AgreementForms handler, HttpContext http, CancellationToken ct) =>
                ReceiptEndpoints.Serve(await handler.Scan(id, ct), http))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("协议书扫描件（仅限本辖区；每次查看记入审计日志）");
        api.MapGet("/pairings/progress", async ([AsParameters] PairingProgressQuery query, PairingProgress handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(query, ct), ApiResults.Ok))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("结对进度：各乡镇已备案、已结对、未结对户数和未签协议的结对数，对照结对截止日；以及尚未结对或协议未签订的户（可按 village 筛选，分页 page）");
        return api;
    }
}
