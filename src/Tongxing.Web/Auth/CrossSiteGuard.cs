namespace Tongxing.Web.Auth;

/// <summary>
/// State-changing API requests that carry the sign-in cookie must come from our own pages (ADR 0011). A browser says where
/// a request comes from: <c>Sec-Fetch-Site</c> (every current browser) or else <c>Origin</c>. A request whose headers name
/// another origin — another site, or another port or subdomain of this one — is refused. A request with neither header
/// does not come from a browser, so it cannot be forged by a page. Requests with a bearer token carry no cookie and pass.
/// </summary>
public static class CrossSiteGuard
{
    public static IApplicationBuilder UseCrossSiteGuard(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var request = ctx.Request;
        if (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !HttpMethods.IsOptions(request.Method)
            && ctx.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type != ApiTokenAuthentication.SchemeName
            && !FromOurPages(request))
        {
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            await ctx.Response.WriteAsJsonAsync(
                new { title = "跨站请求被拒绝", status = 403, detail = "此操作只能从本系统的页面发起。程序调用请使用个人 API 令牌。" },
                (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
            return;
        }
        await next();
    });

    public static bool FromOurPages(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is "same-origin" or "none";
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }
        return Uri.TryCreate(origin, UriKind.Absolute, out var o)
            && string.Equals(o.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(o.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
