using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;

namespace Tongxing.IntegrationTests;

/// <summary>
/// Generated from the app's own endpoint list: every API endpoint and every page, for every signed-in office of one
/// town and for the anonymous public, against a household of another town. Nothing may answer 2xx with another
/// area's record, nothing may change it, nothing but the listed public doors may open without sign-in.
/// </summary>
public sealed class AuthorizationMatrixTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly string[] Users = ["luoman.cun", "guzhou.cun", "luoman.dangwei", "luoman.canlian", "bangfuren", "shicanlian", "zizhiqu.canlian", "guanliyuan"];
    private static readonly string[] PublicPaths = ["/healthz", "/openapi/{documentName}.json", "/Account/Login", "/Account/Denied", "/Error", "/p/{token}"];

    private (List<(string Method, string Pattern)> Api, List<string> Pages) Endpoints()
    {
        var api = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!)))
            .Distinct().ToList();
        var pages = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>()
            .Select(p => "/" + p.AttributeRouteInfo!.Template).Distinct().ToList();
        return (api, pages);
    }

    private static string Fill(string pattern, Guid other) => System.Text.RegularExpressions.Regex.Replace(pattern, "\\{([^}:]+)[^}]*\\}", m => m.Groups[1].Value switch
    {
        "town" => DemoData.Liushan,
        "year" => "2027",
        "token" => new string('0', 32),
        "documentName" => "v1",
        _ => other.ToString(),
    });

    private async Task<(Guid Id, int Version)> OtherTownHousehold()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        return await db.Households.Where(h => h.TownCode == DemoData.Liushan).OrderBy(h => h.HeadName).Select(h => new ValueTuple<Guid, int>(h.Id, h.Version)).FirstAsync();
    }

    /// <summary>A line of the fund ledger no signed-in office of the tested town may read or change: an allocation to another town.</summary>
    private async Task<Guid> OtherTownFundLine()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var programme = await db.Programmes.FirstAsync(p => p.DistrictCode == DemoData.LiunanDistrict);
        var actor = new Tongxing.Web.Domain.Actor("seed", "测试", Tongxing.Web.Domain.Role.DistrictFederation,
            new Tongxing.Web.Domain.AreaScope(Tongxing.Web.Domain.AreaLevel.District, DemoData.LiunanDistrict));
        var line = Tongxing.Web.Domain.FundEntry.Allocation(programme.Id, DemoData.LiunanDistrict, DemoData.Liushan, Tongxing.Web.Domain.FundSource.Region,
            Tongxing.Web.Domain.Money.FromYuan(1000), new DateOnly(2020, 4, 5), null, null, actor, app.Clock.GetUtcNow());
        db.FundEntries.Add(line);
        await db.SaveChangesAsync();
        return line.Id;
    }

    /// <summary>A paid payment of another town and its batch, for the endpoints whose id is a payment's or a batch's.</summary>
    private async Task<(Guid Payment, int Version, Guid Batch)> OtherTownPayment()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var village = await db.Areas.Where(a => a.ParentCode == DemoData.Liushan).OrderBy(a => a.Code).Select(a => a.Code).FirstAsync();
        var id = (await FiledHouseholds.PayAsync(app, await FiledHouseholds.AddAsync(app, 1, village)))[0];
        var paid = await db.Payments.Where(p => p.Id == id).Select(p => new { p.Version, p.BatchId }).FirstAsync();
        return (id, paid.Version, paid.BatchId!.Value);
    }

    /// <summary>A helper of another town and its pairing with a household there, for the endpoints and pages whose id is a helper's or a pairing's.</summary>
    private async Task<(Guid Helper, Guid Pairing)> OtherTownPairing()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var village = await db.Areas.Where(a => a.ParentCode == DemoData.Liushan).OrderBy(a => a.Code).Select(a => a.Code).FirstAsync();
        var helper = await Pairings.AddHelperAsync(app, village);
        return (helper, await Pairings.PairAsync(app, (await FiledHouseholds.AddAsync(app, 1, village))[0], helper));
    }

    // 检查验收: the endpoints and the page whose id is an inspection's get another town's (流山镇) inspection.
    private Guid _inspection;

    private async Task<Guid> OtherTownInspection()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var existing = await db.Inspections.Where(i => i.TownCode == DemoData.Liushan).Select(i => (Guid?)i.Id).FirstOrDefaultAsync();
        if (existing is { } id)
        {
            return id;
        }
        var programme = await db.Programmes.FirstAsync(p => p.DistrictCode == DemoData.LiunanDistrict);
        var actor = new Tongxing.Web.Domain.Actor("seed", "测试", Tongxing.Web.Domain.Role.DistrictFederation,
            new Tongxing.Web.Domain.AreaScope(Tongxing.Web.Domain.AreaLevel.District, DemoData.LiunanDistrict));
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var (inspection, _) = Tongxing.Web.Domain.Inspection.Start(programme.Id, new(DemoData.Guangxi, DemoData.Liuzhou, DemoData.LiunanDistrict, DemoData.Liushan, ""),
            today, "测试", today, actor, app.Clock.GetUtcNow());
        db.Inspections.Add(inspection!);
        await db.SaveChangesAsync();
        return inspection!.Id;
    }

    /// <summary>A submitted report of another town, for the endpoints whose id is a town report's.</summary>
    private Guid _report;

    private async Task<Guid> OtherTownReport() =>
        await ReportSetup.SubmittedAsync(app, DemoData.Liushan, Tongxing.Web.Domain.TownReportKind.Quarter2, app.Clock.GetUtcNow());

    private Guid IdFor(string pattern, Guid other, Guid helper, Guid pairing) =>
        pattern.StartsWith("/api/v1/inspections/", StringComparison.Ordinal) || pattern.StartsWith("/Inspections/Inspection/", StringComparison.Ordinal) ? _inspection
        : pattern.StartsWith("/api/v1/reports/", StringComparison.Ordinal) ? _report
        : pattern.StartsWith("/api/v1/helpers/", StringComparison.Ordinal) || pattern.StartsWith("/Pairing/HelpersEdit/", StringComparison.Ordinal) ? helper
        : pattern.StartsWith("/api/v1/pairings/", StringComparison.Ordinal) || pattern.StartsWith("/Pairing/Agreement/", StringComparison.Ordinal) ? pairing
        : pattern.StartsWith("/api/v1/meetings/", StringComparison.Ordinal) || pattern.StartsWith("/Meetings/", StringComparison.Ordinal) ? MeetingRecords.Meeting
        : pattern.StartsWith("/api/v1/actions/", StringComparison.Ordinal) ? MeetingRecords.Action
        : pattern.StartsWith("/api/v1/publicity/", StringComparison.Ordinal) || pattern.StartsWith("/Publicity/", StringComparison.Ordinal) ? MeetingRecords.Publicity
        : other;

    /// <summary>A meeting of the district with an action owned by 流山镇党委, and 流山镇's publicity entry: no office of 洛满镇 may read or change them.</summary>
    private static (Guid Meeting, Guid Action, Guid Publicity) MeetingRecords;

    [Fact]
    public async Task No_endpoint_or_page_serves_or_changes_another_towns_household_for_any_office()
    {
        var (api, pages) = Endpoints();
        Assert.True(api.Count >= 35, $"only {api.Count} API endpoints found");
        var (other, version) = await OtherTownHousehold();
        var fundLine = await OtherTownFundLine();
        var (payment, paymentVersion, batch) = await OtherTownPayment();
        var (helper, pairing) = await OtherTownPairing();
        _inspection = await OtherTownInspection();
        _report = await OtherTownReport();
        MeetingRecords = (await MeetingSetup.LiushanActionAsync(app) is var (meeting, action) ? (meeting, action, await MeetingSetup.LiushanPublicityAsync(app)) : default);
        var checks = 0;
        var leaks = new List<string>();
        foreach (var user in Users)
        {
            var client = await app.SignIn(user);
            foreach (var (method, pattern) in api)
            {
                var url = Fill(pattern, pattern.StartsWith("/api/v1/funds/", StringComparison.Ordinal) ? fundLine
                    : pattern.StartsWith("/api/v1/payments/", StringComparison.Ordinal) ? payment
                    : pattern.StartsWith("/api/v1/payment-batches/", StringComparison.Ordinal) ? batch : IdFor(pattern, other, helper, pairing));
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (pattern.EndsWith("/support-logs", StringComparison.Ordinal) || pattern.EndsWith("/visits", StringComparison.Ordinal))
                {
                    // Sent as a phone sends them (multipart), complete, so that only the household's area can refuse them.
                    request.Content = new MultipartFormDataContent
                    {
                        { new StringContent(Guid.NewGuid().ToString()), "id" }, { new StringContent("2020-04-05"), "on" }, { new StringContent("Skills"), "kind" },
                        { new StringContent("x"), "content" }, { new StringContent("x"), "findings" }, { new StringContent("x"), "visitors" }, { new StringContent("Good"), "rating" },
                    };
                }
                else if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent($"{{\"version\":{version},\"households\":[\"{other}\"],\"reserves\":[\"{other}\"],\"decision\":\"Accept\",\"action\":\"Approve\",\"step\":\"ApproveByTown\",\"content\":\"x\",\"name\":\"t\",\"reason\":\"x\",\"townCode\":\"{DemoData.Liushan}\",\"source\":\"Region\",\"amount\":\"1\"}}", Encoding.UTF8, "application/json");
                }
                var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                checks++;
                var ownScopeList = !pattern.Contains('{', StringComparison.Ordinal) || pattern.Contains("{town}", StringComparison.Ordinal);
                if ((int)response.StatusCode >= 500 || (!ownScopeList && response.IsSuccessStatusCode) || body.Contains(other.ToString(), StringComparison.Ordinal)
                    || body.Contains(fundLine.ToString(), StringComparison.Ordinal) || body.Contains(payment.ToString(), StringComparison.Ordinal)
                    || body.Contains(batch.ToString(), StringComparison.Ordinal) || body.Contains(helper.ToString(), StringComparison.Ordinal)
                    || body.Contains(pairing.ToString(), StringComparison.Ordinal) || body.Contains(_report.ToString(), StringComparison.Ordinal)
                    || body.Contains(_inspection.ToString(), StringComparison.Ordinal)
                    || body.Contains(MeetingRecords.Meeting.ToString(), StringComparison.Ordinal) || body.Contains(MeetingRecords.Action.ToString(), StringComparison.Ordinal)
                    || body.Contains(MeetingRecords.Publicity.ToString(), StringComparison.Ordinal))
                {
                    leaks.Add($"{user} {method} {url} → {(int)response.StatusCode}");
                }
            }
            foreach (var page in pages.Where(p => p.Contains("{id", StringComparison.Ordinal)))
            {
                var response = await client.GetAsync(Fill(page, IdFor(page, other, helper, pairing)));
                checks++;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    leaks.Add($"{user} page {page} → 200");
                }
            }
        }
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {checks} checks leaked:\n" + string.Join("\n", leaks));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(version, await scope.ServiceProvider.GetRequiredService<TongxingDb>().Households.Where(h => h.Id == other).Select(h => h.Version).FirstAsync());
        Assert.False(await scope.ServiceProvider.GetRequiredService<TongxingDb>().FundEntries.AnyAsync(e => e.ReversesId == fundLine), "another town's allocation was reversed");
        Assert.Equal(paymentVersion, await scope.ServiceProvider.GetRequiredService<TongxingDb>().Payments.Where(p => p.Id == payment).Select(p => p.Version).FirstAsync());
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TongxingDb>().Pairings.Where(p => p.Id == pairing).Select(p => p.Version).FirstAsync());
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<TongxingDb>().Inspections.Where(i => i.Id == _inspection).Select(i => i.Version).FirstAsync());
    }

    [Fact]
    public async Task Without_sign_in_only_the_public_doors_open()
    {
        var (api, pages) = Endpoints();
        var (other, _) = await OtherTownHousehold();
        var anonymous = app.Anonymous();
        var opened = new List<string>();
        foreach (var (method, pattern) in api)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Fill(pattern, other)) { Content = method is "POST" or "PUT" ? new StringContent("{}", Encoding.UTF8, "application/json") : null };
            var response = await anonymous.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                opened.Add($"{method} {pattern} → {(int)response.StatusCode}");
            }
        }
        foreach (var page in pages.Where(p => !PublicPaths.Contains(p)))
        {
            var response = await anonymous.GetAsync(Fill(page, other));
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) != true)
            {
                opened.Add($"page {page} → {(int)response.StatusCode}");
            }
        }
        Assert.True(opened.Count == 0, string.Join("\n", opened));
        Assert.True(api.Count + pages.Count > 60);
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_but_views_of_the_page_are_not()
    {
        await using var limited = new SqliteApp { SignInsPerMinute = 3 };
        var client = limited.Anonymous();
        // Opening the sign-in page is not an attempt: an office of ten behind one address all load it.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
        }
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await TestApp.PostForm(client, "/Account/Login", new() { ["UserName"] = "luoman.cun", ["Password"] = "Wrong-password" + i });
            statuses.Add(last.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        // The refusal is a page of the system, in Chinese, saying when to try again.
        var page = await last!.Content.ReadAsStringAsync();
        Assert.Contains("登录尝试过于频繁", page, StringComparison.Ordinal);
        Assert.Contains("bootstrap.min.css", page, StringComparison.Ordinal);
        Assert.Equal("60", last.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var response = await app.Anonymous().GetAsync("/Account/Login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline' ;", csp.Replace("style-src 'self' 'unsafe-inline';", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
    }
}
