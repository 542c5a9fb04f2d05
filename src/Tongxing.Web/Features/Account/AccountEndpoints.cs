using Tongxing.Web.Auth;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Account;

public sealed record MeView(string Id, string UserName, string DisplayName, string Role, string RoleLabel, string AreaLevel, string AreaCode);

public sealed record IssueTokenRequest(string? Name, int Days = 90);

public static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (CurrentUser me, HttpContext http) => TypedResults.Ok(new MeView(me.Id, http.User.Identity?.Name ?? "", me.DisplayName,
                me.Role.ToString()!, me.Role?.Label() ?? "", me.Scope?.Level.ToString() ?? "", me.Scope?.Code ?? "")))
            .WithTags("账号 Account").WithSummary("当前用户、岗位与管辖区域");

        api.MapPut("/account/password", async (ChangePasswordCommand request, ChangePassword handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(request, ct), _ => TypedResults.NoContent()))
            .WithTags("账号 Account").WithSummary("修改本人密码（原密码、新密码、再次输入新密码）；本账号其他登录随之失效，本人的 API 令牌全部作废");

        var tokens = api.MapGroup("/tokens").WithTags("账号 Account");
        tokens.MapGet("/", async (ApiTokens handler, CancellationToken ct) => TypedResults.Ok(await handler.List(ct)))
            .WithSummary("本人的 API 令牌");
        tokens.MapPost("/", async (IssueTokenRequest request, ApiTokens handler, HttpContext http, CancellationToken ct) =>
                // A token may not mint tokens: a leaked one must not be able to outlive its own revocation.
                http.User.Identity?.AuthenticationType == ApiTokenAuthentication.SchemeName
                    ? TypedResults.Problem("请登录网页后签发新令牌", statusCode: StatusCodes.Status403Forbidden, title: "无权操作")
                    : ApiResults.From(await handler.Issue(request.Name, request.Days, ct), t => TypedResults.Ok(t)))
            .WithSummary("签发 API 令牌（明文只返回这一次）");
        tokens.MapDelete("/{id:guid}", async (Guid id, ApiTokens handler, CancellationToken ct) =>
                ApiResults.From(await handler.Revoke(id, ct), _ => TypedResults.NoContent()))
            .WithSummary("吊销 API 令牌");
        return api;
    }
}
