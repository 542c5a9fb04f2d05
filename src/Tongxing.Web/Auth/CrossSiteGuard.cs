namespace Tongxing.Web.Auth;

/// <summary>
/// State-changing requests that a browser could send for another site must come from our own pages (ADR 0011). A browser
/// says where a request comes from: <c>Sec-Fetch-Site</c> (every current browser) or else <c>Origin</c>. A request whose
/// headers name another origin — another site, or another port or subdomain of this one — is refused. A request with
/// neither header does not come from a browser, so it cannot be forged by a page. On the API, requests with a bearer
/// token carry no cookie and pass. The pages' forms also carry an antiforgery token; this check stands beside it, so that
/// a token leaked into another site's page (copied from a saved page, say) still cannot make a signed-in browser act,
/// and a sign-in form cannot be posted from another site either.
/// </summary>
public static class CrossSiteGuard
{
    public static IApplicationBuilder UseCrossSiteGuard(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var request = ctx.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || FromOurPages(request))
        {
            await next();
            return;
        }
        if (!request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>跨站请求被拒绝</title></head>"
                + "<body><h1>跨站请求被拒绝</h1><p>此操作只能在本系统的页面上提交。请<a href=\"/\">回到本系统</a>重新操作。</p></body></html>");
            return;
        }
        if (ctx.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type != ApiTokenAuthentication.SchemeName)
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
