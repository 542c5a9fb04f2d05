using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tongxing.IntegrationTests;

namespace Tongxing.BrowserTests;

/// <summary>The app on a real Kestrel port (SQLite) and Debian's Chromium driven by Playwright. Never downloads a browser.</summary>
public class Browser : IAsyncLifetime
{
    public Browser() : this(new SqliteApp()) { }

    /// <summary>For a fixture whose app is set up otherwise (e.g. without demo data).</summary>
    protected Browser(SqliteApp app) => App = app;

    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public SqliteApp App { get; }
    public IBrowser Chromium { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";

    /// <summary>Where screenshots go, for people to look at (not compared by the tests).</summary>
    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static System.Collections.Concurrent.ConcurrentBag<string> CspViolations { get; } = [];

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js")));

    public async ValueTask InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDir);
    }

    public async Task<IPage> NewPage(int width = 1280, int height = 900)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN", BaseURL = BaseUrl });
        var page = await context.NewPageAsync();
        // Anything the Content-Security-Policy blocks on our own pages is a bug; AssertAccessible reports it.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                CspViolations.Add($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>Answers 确定 to every confirmation the page asks (data-confirm); Playwright would otherwise cancel them.</summary>
    public static void AcceptDialogs(IPage page) => page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();

    public static async Task SignIn(IPage page, string user)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(Tongxing.Web.Data.Seed.DemoData.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await SignedIn(page);
    }

    /// <summary>Waits until a page with the signed-in menu is shown and parsed.</summary>
    public static async Task SignedIn(IPage page)
    {
        await Assertions.Expect(page.Locator("a[href='/Account/Logout']")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Parsed(page);
    }

    /// <summary>
    /// Waits until the page's address matches, e.g. after a form posts and redirects. Not WaitForURLAsync: once the address
    /// matches it also waits for the page's load event, and after a post and redirect that wait timed out in about 1 run
    /// in 5 on a page already loaded (readyState complete). The page counts as shown once the document has been parsed.
    /// </summary>
    public static async Task Reached(IPage page, string pattern)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(pattern), new() { Timeout = 30_000 });
        await Parsed(page);
    }

    /// <summary>
    /// Waits until the document has been read to its end: its stylesheets loaded and the scripts at the end of the body
    /// run (they block the parser), so axe and clicks see the page as a user does. Polled inside the page.
    /// </summary>
    private static async Task Parsed(IPage page) =>
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading' && document.querySelector('footer') !== null", null, new() { Timeout = 30_000 });

    /// <summary>Runs axe-core in the page and fails on serious or critical violations, naming them.</summary>
    public static async Task AssertAccessible(IPage page)
    {
        Assert.True(CspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join("\n", CspViolations));
        // Evaluated through the DevTools protocol rather than a script tag, so the pages keep their strict CSP under test.
        await page.EvaluateAsync(AxeSource.Value);
        var json = await page.EvaluateAsync<JsonElement>("async () => { const r = await axe.run(document, { resultTypes: ['violations'] }); return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3) })); }");
        var serious = json.EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").Select(v => v.ToString()).ToList();
        Assert.True(serious.Count == 0, $"axe found serious/critical violations on {page.Url}:\n" + string.Join("\n", serious));
    }

    public static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
