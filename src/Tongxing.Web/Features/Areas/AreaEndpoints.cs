using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Areas;

/// <summary>The area administration's JSON API: the same handlers as the pages under /Admin/Areas.</summary>
public static class AreaEndpoints
{
    public static RouteGroupBuilder MapAreaEndpoints(this RouteGroupBuilder api)
    {
        var areas = api.MapGroup("/areas").WithTags("区划 Areas");
        areas.MapGet("/", async (string? under, ListAreas handler, CancellationToken ct) => ApiResults.From(await handler.Handle(under, ct), ApiResults.Ok))
            .WithSummary("系统管理员：本区域的一级区划（under 为上级代码，默认本人所在区域）及其下级单位数、帮扶对象户数、用户数");
        areas.MapPost("/import", async (IFormFile file, bool? dryRun, string? fingerprint, ImportAreas handler, CancellationToken ct) =>
            {
                if (file.Length > DivisionFile.MaxBytes)
                {
                    return TypedResults.Problem($"文件超过{DivisionFile.MaxBytes / 1024 / 1024}MB的上限", statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大");
                }
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                return ApiResults.From(await handler.Handle(buffer.ToArray(), apply: dryRun == false, fingerprint, ct), ApiResults.Ok);
            })
            .WithSummary("导入统计用区划代码（multipart 字段 file，CSV 或 .xlsx，列：统计用区划代码、名称）。dryRun=true（默认）只列出将新增、更名、撤销、恢复的区划；" +
                "dryRun=false 全部通过时一次导入，有误时 422 逐行说明且不导入任何一行。fingerprint 为试导入返回的指纹时，区划在此期间有变化则 409");
        areas.MapPost("/villages", async (NewVillageInput input, ChangeAreas handler, CancellationToken ct) =>
                ApiResults.From(await handler.AddVillage(input, ct), v => TypedResults.Created($"/api/v1/areas/{v.Code}", v)))
            .WithSummary("在本区域的乡镇下新增村（社区）：townCode、code（12位）、name");
        areas.MapPut("/{code}/name", async (string code, RenameAreaInput input, ChangeAreas handler, CancellationToken ct) =>
                ApiResults.From(await handler.Rename(code, input, ct), ApiResults.Ok))
            .WithSummary("更改本区域内区划的名称");
        areas.MapPost("/{code}/retirement", async (string code, ChangeAreas handler, CancellationToken ct) =>
                ApiResults.From(await handler.Retire(code, ct), ApiResults.Ok))
            .WithSummary("撤销本区域内的区划（连同其下级）：不再用于新登记和新建用户，已有记录保留其名称");
        areas.MapDelete("/{code}/retirement", async (string code, ChangeAreas handler, CancellationToken ct) =>
                ApiResults.From(await handler.Restore(code, ct), ApiResults.Ok))
            .WithSummary("恢复已撤销的区划（其上级须在用）");
        return api;
    }
}
