using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Admin.Users;

/// <summary>A row of the bulk creation as the API takes it (the columns of the .xlsx template).</summary>
public sealed record UserImportRequest(IReadOnlyList<UserInput> Rows, bool Commit);

/// <summary>/api/v1/users: the same use cases as the pages under /Admin/Users.</summary>
public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/users").WithTags("用户管理 Users");
        g.MapGet("/", async ([AsParameters] UserQuery query, UserAccounts handler, CancellationToken ct) => ApiResults.From(await handler.List(query, ct), ApiResults.Ok))
            .WithSummary("本管辖区域内的账号（按职务、区域、状态、姓名筛选，分页）");
        g.MapGet("/{id}", async (string id, UserAccounts handler, CancellationToken ct) => ApiResults.From(await handler.Get(id, ct), ApiResults.Ok))
            .WithSummary("一个账号");
        g.MapPost("/", async (UserInput input, UserAccounts handler, CancellationToken ct) => ApiResults.From(await handler.Create(input, ct), ApiResults.Ok))
            .WithSummary("新建账号（返回临时密码，只显示这一次；首次登录须修改）");
        g.MapPut("/{id}", async (string id, UserInput input, UserAccounts handler, CancellationToken ct) => ApiResults.From(await handler.Edit(id, input, ct), ApiResults.Ok))
            .WithSummary("修改姓名、手机号、职务、区域（须带回读取时的 concurrencyStamp；改职务或区域即刻结束其登录和令牌）");
        g.MapPost("/{id}/disable", async (string id, UserAccounts handler, CancellationToken ct) => ApiResults.From(await handler.Disable(id, ct), Done))
            .WithSummary("停用账号（即刻结束其登录和令牌）");
        g.MapPost("/{id}/enable", async (string id, UserAccounts handler, CancellationToken ct) => ApiResults.From(await handler.Enable(id, ct), Done))
            .WithSummary("重新启用账号");
        g.MapPost("/{id}/password-reset", async (string id, UserAccounts handler, CancellationToken ct) => ApiResults.From(await handler.ResetPassword(id, ct), ApiResults.Ok))
            .WithSummary("重置密码（返回临时密码，只显示这一次；首次登录须修改）");
        g.MapPost("/{id}/unlock", async (string id, UserAccounts handler, CancellationToken ct) => ApiResults.From(await handler.Unlock(id, ct), Done))
            .WithSummary("解除锁定");
        g.MapPost("/{id}/two-factor-reset", async (string id, UserAccounts handler, CancellationToken ct) => ApiResults.From(await handler.ResetTwoFactor(id, ct), Done))
            .WithSummary("重置两步验证（手机丢失时）");
        g.MapPost("/import", async (UserImportRequest request, ImportUsers handler, CancellationToken ct) =>
            {
                var rows = (request.Rows ?? []).Select((r, i) => new UserSheetRow(i + 1, r?.DisplayName, r?.UserName, r?.PhoneNumber, r?.Role?.ToString(), r?.AreaCode)).ToList();
                var outcome = await handler.Handle(rows, request.Commit, ct);
                // A refused confirmation still returns each row's verdict, so the client can show which rows failed.
                return outcome.Status == OutcomeStatus.Invalid && outcome.Value is { } report
                    ? TypedResults.UnprocessableEntity(report)
                    : ApiResults.From(outcome, ApiResults.Ok);
            })
            .WithSummary("批量新建账号：commit=false 只检查每一行；commit=true 全部通过才一并创建，否则一个也不创建");
        return api;
    }

    private static IResult Done(string message) => TypedResults.Ok(new { message });
}
