namespace Tongxing.Web.Auth;

/// <summary>
/// Offices listed in <c>Security:RequireTwoFactorRoles</c> (the district federation, who administer the programme, by
/// default) must enrol an authenticator before anything else: pages send them to the enrolment page, the API refuses.
/// </summary>
public static class TwoFactorRequirement
{
    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app)
    {
        var policy = app.ApplicationServices.GetRequiredService<SignInPolicy>();
        return app.Use(async (ctx, next) =>
        {
            var me = ctx.RequestServices.GetRequiredService<CurrentUser>();
            var path = ctx.Request.Path;
            if (policy.AnyRoleRequiresTwoFactor && me.IsSignedIn && me.Role is { } role && policy.RequiresTwoFactor(role) && !me.HasTwoFactor
                && !path.StartsWithSegments("/Account") && !path.StartsWithSegments("/lib") && !path.StartsWithSegments("/css")
                && !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/Error"))
            {
                if (path.StartsWithSegments("/api"))
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await ctx.Response.WriteAsJsonAsync(new { title = "请先启用两步验证", status = 403 });
                    return;
                }
                ctx.Response.Redirect("/Account/TwoFactor");
                return;
            }
            await next();
        });
    }
}
