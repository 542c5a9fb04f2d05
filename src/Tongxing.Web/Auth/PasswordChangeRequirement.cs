namespace Tongxing.Web.Auth;

/// <summary>
/// A user whose password was set by someone else (the first administrator, a new account, a reset) changes it before
/// anything else: pages send them to <c>/Account/Password</c>, the API answers 403, signing out still works.
/// </summary>
public static class PasswordChangeRequirement
{
    public const string Page = "/Account/Password";
    public const string Api = "/api/v1/account/password";

    /// <summary>What stays open meanwhile: the password page and its API door, signing in and out, the error page, health.</summary>
    private static readonly string[] Open = [Page, Api, "/Account/Logout", "/Account/Login", "/Account/LoginTwoFactor", "/Account/Denied", "/Error", "/healthz"];

    public static IApplicationBuilder UsePasswordChangeRequirement(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var me = ctx.RequestServices.GetRequiredService<CurrentUser>();
        if (me.IsSignedIn && me.MustChangePassword && !Open.Any(p => ctx.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            if (ctx.Request.Path.StartsWithSegments("/api"))
            {
                await TypedResults.Problem("您的密码是初始密码，请先在“修改密码”页面设置新密码", statusCode: StatusCodes.Status403Forbidden, title: "请先修改密码").ExecuteAsync(ctx);
                return;
            }
            ctx.Response.Redirect(Page);
            return;
        }
        await next();
    });
}
