namespace Tongxing.Web.Auth;

/// <summary>
/// State-changing requests that a browser could send for another site must come from our own pages (ADR 0011). A browser
/// says where a request comes from: <c>Sec-Fetch-Site</c> (every current browser) or else <c>Origin</c>. A request whose
/// headers name another origin — another site, or another port or subdomain of this one — is refused. A request with
/// neither header does not come from a browser, so it cannot be forged by a page. On the API, requests with a bearer
/// token carry no cookie and pass. The pages' forms also carry an antiforgery token; this check stands beside it, so that
/// a token leaked into another site's page (copied from a saved page, say) still cannot make a signed-in browser act,
/// and a sign-in form cannot be posted from another site either.
/// Reads are refused too when they carry the sign-in cookie and the browser says another origin asked for them other
/// than by following a link to a page: an image or script of another port or subdomain (the same site, so the cookie
/// goes along) would otherwise make a signed-in browser fetch an export or a download, logged as the official's.
/// </summary>
public static class CrossSiteGuard
{
    public static IApplicationBuilder UseCrossSiteGuard(this IApplicationBuilder app)
    {
        // The system's public address is ours too: a proxy may pass the host without the port the browser used.
        var configured = app.ApplicationServices.GetRequiredService<IConfiguration>()["Public:BaseUrl"];
        var publicOrigin = Uri.TryCreate(configured, UriKind.Absolute, out var own) ? own.GetLeftPart(UriPartial.Authority) : null;
        return app.Use(async (ctx, next) =>
        {
            var request = ctx.Request;
            var reading = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
            var byCookie = ctx.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type != ApiTokenAuthentication.SchemeName;
            var refused = reading
                ? byCookie && ForgedRead(request)
                : !FromOurPages(request, publicOrigin) && (byCookie || !request.Path.StartsWithSegments("/api"));
            if (!refused)
            {
                await next();
                return;
            }
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            if (request.Path.StartsWithSegments("/api"))
            {
                await ctx.Response.WriteAsJsonAsync(
                    new { title = "跨站请求被拒绝", status = 403, detail = "此操作只能从本系统的页面发起。程序调用请使用个人 API 令牌。" },
                    (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
                return;
            }
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>跨站请求被拒绝</title></head>"
                + "<body><h1>跨站请求被拒绝</h1><p>此操作只能在本系统的页面上进行。请<a href=\"/\">回到本系统</a>重新操作。</p></body></html>");
        });
    }

    /// <summary>
    /// A read another origin asked for, other than a link followed to a page: an image, script, frame's fetch or script
    /// request of another origin, or a link followed from there to a download (<c>handler=</c>) or the API.
    /// </summary>
    private static bool ForgedRead(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length == 0 || site is "same-origin" or "none")
        {
            return false;
        }
        var navigating = request.Headers["Sec-Fetch-Mode"].ToString() == "navigate";
        return !navigating || request.Path.StartsWithSegments("/api") || request.Query.ContainsKey("handler");
    }

    public static bool FromOurPages(HttpRequest request, string? publicOrigin = null)
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
            && ((string.Equals(o.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(o.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
                || (publicOrigin is not null && string.Equals(o.GetLeftPart(UriPartial.Authority), publicOrigin, StringComparison.OrdinalIgnoreCase)));
    }
}
