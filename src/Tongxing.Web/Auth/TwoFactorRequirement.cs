using Tongxing.Web.Domain;

namespace Tongxing.Web.Auth;

/// <summary>
/// Offices listed in <c>Security:RequireTwoFactorRoles</c> (the district federation, who administer the programme, by
/// default) must enrol an authenticator before anything else: pages send them to the enrolment page, the API refuses.
/// </summary>
public static class TwoFactorRequirement
{
    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app, IConfiguration config)
    {
        var roles = (config.GetSection("Security:RequireTwoFactorRoles").Get<string[]>() ?? []).Where(r => r.Length > 0).Select(Enum.Parse<Role>).ToHashSet();
        return app.Use(async (ctx, next) =>
        {
            var me = ctx.RequestServices.GetRequiredService<CurrentUser>();
            var path = ctx.Request.Path;
            if (roles.Count > 0 && me.IsSignedIn && me.Role is { } role && roles.Contains(role) && !me.HasTwoFactor
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
