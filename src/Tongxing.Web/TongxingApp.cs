using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Features.Account;
using Tongxing.Web.Features.Dashboard;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Notices;
using Tongxing.Web.Features.Programmes;
using Tongxing.Web.Features.Shared;
using Tongxing.Web.Features.Survey;

namespace Tongxing.Web;

/// <summary>The composition root: services, authentication, pages and the /api/v1 endpoints.</summary>
public static class TongxingApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
        });
        AddServices(builder.Services, builder.Configuration, builder.Environment);
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    private static void AddServices(IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // The demo runs on its own clock from a day of its 2020 plan; a real deployment on the real clock.
        var demo = DemoMode.From(config);
        services.AddSingleton(demo);
        services.AddSingleton(demo.SystemClock(TimeProvider.System));
        services.AddHttpContextAccessor();
        services.AddDatabase(config, env);
        // Registered before data protection: hosted services start in order, and data protection's own reads the key
        // ring from the database, which on a first start has no tables until the migrations have run.
        services.AddHostedService<DatabaseInitializer>();
        // Keys in the database: a cookie issued by one app node is read by every other (docs/deployment.md).
        services.AddDataProtection().PersistKeysToDbContext<TongxingDb>().SetApplicationName("Tongxing");

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.MaxFailedAccessAttempts = config.GetValue("Security:MaxFailedSignIns", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(config.GetValue("Security:LockoutMinutes", 15));
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.Tokens.AuthenticatorTokenProvider = OneTimeAuthenticatorTokenProvider.Name;
            })
            .AddEntityFrameworkStores<TongxingDb>()
            .AddUserManager<TongxingUserManager>()
            .AddSignInManager<TongxingSignInManager>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddClaimsPrincipalFactory<ClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(OneTimeAuthenticatorTokenProvider.Name);
        services.Configure<SecurityStampValidatorOptions>(o => TongxingSignInManager.Configure(o, config));
        services.AddSingleton<SignInPolicy>();
        services.AddSingleton<PasswordWork>();

        const string smart = "Smart";
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = smart;
                o.DefaultChallengeScheme = smart;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            // A token opens the API and nothing else: a page (two-step enrolment, sign-out, any form) knows only the
            // cookie, so a leaked token can neither enrol an attacker's authenticator nor sign the owner out.
            .AddPolicyScheme(smart, smart, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                && ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddIdentityCookies(c => c.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Account/Denied";
                o.Cookie.Name = "tongxing";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(config.GetValue("Security:IdleMinutes", 30));
                o.SlidingExpiration = true;
                // The API answers 401/403; only pages redirect to the login page.
                o.Events.OnValidatePrincipal = TongxingSignInManager.CheckWhenDueAsync;
                o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
            }));

        // Deny by default: every page and endpoint needs a signed-in user unless it says otherwise.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(CurrentUser.RoleClaim).Build());

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.ConfigureFilter(new NoHandlerFilter());
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Account/Denied");
            o.Conventions.AllowAnonymousToPage("/Public/Notice");
            o.Conventions.AllowAnonymousToPage("/Account/LoginTwoFactor");
            // Reached after an idle timeout too: it then says nothing and goes to the sign-in page.
            o.Conventions.AllowAnonymousToPage("/Account/Logout");
        }).AddMvcOptions(PageLinks.BindWithoutPageRouteValue);
        services.AddAntiforgery(o => o.Cookie.Name = "tongxing.af");
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new LenientStringConverter());
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = BadRequests.InChinese);
        services.AddApiBadRequests();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "同行 Tongxing API";
            doc.Info.Description = "“党员扶残 温暖同行”项目管理系统接口。浏览器用户使用登录 Cookie；程序调用使用个人 API 令牌：Authorization: Bearer tx_…";
            return Task.CompletedTask;
        }));
        // Sign-in attempts (posts of the sign-in forms, not views of them) per client address; per account, Identity's
        // lockout holds. A refusal is the Chinese error page (429, re-executed by the status code pages) with Retry-After.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            o.AddPolicy("signin", http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("Security:SignInsPerMinute", 20), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("view"));
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddSingleton<PublicLinks>();
        services.AddScoped<CurrentUser>();
        services.AddMemoryCache();
        services.AddScoped<AreaDirectory>();
        services.AddScoped<RegisterHousehold>();
        services.AddScoped<ListHouseholds>();
        services.AddScoped<GetHousehold>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<CreateAdministrator>();
        services.AddScoped<ChangePassword>();
        services.AddScoped<CurrentProgramme>();
        services.AddScoped<ChangeEligibility>();
        services.AddScoped<ProgrammeAccess>().AddScoped<CreateProgramme>().AddScoped<EditProgramme>().AddScoped<ListProgrammes>();
        services.AddScoped<HouseholdChecks>();
        services.AddScoped<CorrectHousehold>();
        services.AddScoped<Screener>();
        services.AddScoped<SurveyBoard>();
        services.AddScoped<ProgressDashboard>();
        services.AddScoped<SubmitSurvey>();
        services.AddScoped<ReviewHousehold>();
        services.AddScoped<ResubmitHousehold>();
        services.AddScoped<ExportAttachment1>();
        services.AddScoped<ImportAttachment1>();
        services.AddSingleton<ImportJobBoard>();
        services.AddHostedService<ImportWorker>();
        services.AddScoped<CalendarStore>();
        services.AddSingleton<FileStore>();
        services.AddSingleton<Documents.PhotoDecoding>();
        services.AddScoped<CreateNotice>();
        services.AddScoped<GetNotice>();
        services.AddScoped<ListNotices>();
        services.AddScoped<NoticeActions>();
        services.AddScoped<Features.Shared.PhotoUploads>();
        services.AddScoped<Features.Approvals.ApprovalActions>();
        services.AddScoped<Features.Approvals.BatchActions>();
        services.AddScoped<Features.Approvals.PendingApprovals>();
        services.AddScoped<Features.Admin.HolidayTables>();
        services.AddScoped<Features.Archive.HouseholdDocuments>();
        services.AddScoped<Features.Ledger.WorkLedger>();
        services.AddScoped<Features.Funds.FundBalances>().AddScoped<Features.Funds.ReconciliationReport>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<Features.Home.WaitingWork>();
        services.AddScoped<Features.Pairing.VisitsDue>().AddScoped<Features.Pairing.HelperActivity>();
        services.AddScoped<Features.Funds.FundsReceipts>().AddScoped<Features.Funds.FundsProgress>().AddScoped<Features.Funds.HouseholdFunds>();
        services.AddScoped<Features.Admin.AuditLog>();
        services.AddScoped<Features.Inspections.InspectionWork>();
        services.AddScoped<Features.Reports.ReportFigures>().AddScoped<Features.Reports.TownReports>();
        services.AddScoped<Features.Pairing.Outcomes>().AddScoped<Features.Pairing.FollowUpRecord>().AddScoped<Features.Pairing.Attachment4Forms>();
        services.AddScoped<Backup>();
        services.AddScoped<Features.Admin.Users.UserAccounts>();
        services.AddScoped<Features.Admin.Users.ImportUsers>();
        services.AddScoped<Features.Pairing.HelpersRegister>().AddScoped<Features.Pairing.PairingActions>().AddScoped<Features.Pairing.AgreementForms>()
            .AddScoped<Features.Pairing.PairingProgress>();
        services.AddScoped<Features.Areas.ListAreas>();
        services.AddScoped<Features.Areas.ImportAreas>();
        services.AddScoped<Features.Areas.ChangeAreas>();
        services.AddScoped<Features.Funds.Payments.HouseholdBankAccounts>().AddScoped<Features.Funds.Payments.PaymentBatches>()
            .AddScoped<Features.Funds.Payments.BankFiles>().AddScoped<Features.Funds.Payments.PaymentActions>();
        services.AddScoped<Features.Pairings.FollowUpAccess>().AddScoped<Features.Pairings.SupportLogs>().AddScoped<Features.Pairings.VisitRecords>()
            .AddScoped<Features.Pairings.HelperHouseholds>();
        services.AddScoped<Features.Meetings.JointMeetings>().AddScoped<Features.Actions.FollowUpActions>().AddScoped<Features.Publicity.PublicityEntries>();
        services.AddScoped<Features.Funds.FundBooks>().AddScoped<Features.Funds.MoneyIn>().AddScoped<Features.Funds.FundLedger>().AddScoped<Features.Funds.FundSummary>();
    }

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private static void UsePipeline(WebApplication app)
    {
        // Checked at start: a wrong public address would be printed on every notice's QR code.
        app.Services.GetRequiredService<PublicLinks>();
        // Behind nginx: the client's address (rate limits, audit) and scheme (secure cookies) come from the proxy's
        // X-Forwarded-* headers, trusted only from the addresses listed in ReverseProxy:KnownProxies (none by default).
        var proxies = app.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [];
        if (proxies.Length > 0)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
            app.UseForwardedHeaders(forwarded);
        }
        if (!app.Environment.IsDevelopment())
        {
            // People get the Chinese error page; API clients get Problem Details (a PUT or DELETE is never re-run
            // against a page that has no handler for it).
            app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), b => b.UseExceptionHandler("/Error"));
            app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), b => b.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = ctx => Results.Problem(title: Features.ErrorModel.Failed, statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(ctx),
            }));
        }
        var zh = new CultureInfo("zh-CN");
        app.UseRequestLocalization(new RequestLocalizationOptions { DefaultRequestCulture = new RequestCulture(zh), SupportedCultures = [zh], SupportedUICultures = [zh] });
        // People get a Chinese error page; API clients get the bare status and their Problem Details.
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        // An API answer that would otherwise have no body (not signed in, no such address, wrong method) gets Problem Details.
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePages());
        app.UseTransientFailureAnswers();
        app.Use(async (ctx, next) =>
        {
            // No inline script anywhere: scripts only from this site. Styles allow inline attributes (Bootstrap, the QR code).
            var h = ctx.Response.Headers;
            h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; worker-src 'self'; manifest-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
            await next();
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseApiBadRequests();
        app.UseAuthentication();
        // What a signed-in user is shown holds personal data: never kept by a browser or a proxy (a shared phone, an
        // internet café). Static files, above, stay cacheable; a response may still set its own policy.
        app.Use((ctx, next) =>
        {
            if (ctx.User.Identity?.IsAuthenticated == true)
            {
                // As antiforgery writes it on pages with a form (it would otherwise rewrite it and log a warning).
                ctx.Response.Headers.CacheControl = "no-cache, no-store";
                ctx.Response.Headers.Pragma = "no-cache";
            }
            return next(ctx);
        });
        app.UseCrossSiteGuard();
        app.UseAuthorization();
        app.UsePasswordChangeRequirement();
        app.UseTwoFactorRequirement();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapRazorPages();
        Features.Bench.BaselineEndpoint.MapBaseline(app);
        Features.Dashboard.DashboardBaselineEndpoint.MapDashboardBaseline(app);
        Features.Bench.ScaleBaselineEndpoint.MapScaleBaselines(app);

        var api = app.MapGroup("/api/v1").DisableAntiforgery();
        api.MapHouseholdEndpoints();
        Features.Approvals.BatchEndpoints.MapBatchEndpoints(api);
        api.MapAccountEndpoints();
        api.MapProgrammeEndpoints();
        api.MapSurveyEndpoints();
        api.MapDashboardEndpoints();
        api.MapNoticeEndpoints();
        Features.Archive.ArchiveEndpoints.MapArchiveEndpoints(api);
        Features.Home.HomeEndpoints.MapHomeEndpoints(api);
        Features.Pairing.VisitsDueEndpoints.MapVisitsDueEndpoints(api);
        Features.Funds.ReceiptEndpoints.MapReceiptEndpoints(api);
        Features.Pairing.OutcomesEndpoints.MapOutcomesEndpoints(api);
        Features.Inspections.InspectionEndpoints.MapInspectionEndpoints(api);
        Features.Reports.ReportEndpoints.MapReportEndpoints(api);
        Features.Meetings.MeetingEndpoints.MapMeetingEndpoints(api);
        Features.Publicity.PublicityEndpoints.MapPublicityEndpoints(api);
        Features.Admin.AuditEndpoints.MapAuditEndpoints(api);
        Features.Admin.Users.UserEndpoints.MapUserEndpoints(api);
        Features.Areas.AreaEndpoints.MapAreaEndpoints(api);
        Features.Pairing.HelpersEndpoints.MapHelperAndPairingEndpoints(api);
        Features.Funds.Payments.PaymentEndpoints.MapPaymentEndpoints(api);
        Features.Funds.FundEndpoints.MapFundEndpoints(api);
        Features.Funds.ReconciliationEndpoints.MapReconciliationEndpoints(api);
        Features.Pairings.FollowUpEndpoints.MapFollowUpEndpoints(api);
    }
}
