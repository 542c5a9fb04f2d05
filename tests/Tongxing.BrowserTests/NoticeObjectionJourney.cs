using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Tongxing.IntegrationTests;

namespace Tongxing.BrowserTests;

/// <summary>Households made ready for a notice through the API, so a journey starts where it matters.</summary>
internal static class NoticeSetup
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>An HTTP client signed in to the app on its real port, as the API's programs use it.</summary>
    private static async Task<HttpClient> SignIn(Browser browser, string user)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(browser.BaseUrl) };
        var response = await TestApp.PostForm(client, "/Account/Login", new() { ["UserName"] = user, ["Password"] = Tongxing.Web.Data.Seed.DemoData.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>A household of 洛满村 registered, sent by the town and accepted by the district, through the API.</summary>
    public static async Task<Guid> Accepted(Browser browser, string name)
    {
        var village = await SignIn(browser, "luoman.cun");
        var input = Households.Valid(headName: name);
        input.WillToWork = true;
        input.ProjectFeasible = true;
        var created = await village.PostAsJsonAsync("/api/v1/households", input, Json);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var town = await SignIn(browser, "luoman.dangwei");
        Assert.Equal(HttpStatusCode.OK, (await town.PostAsJsonAsync("/api/v1/survey/submissions", new { households = new[] { id }, reserves = new[] { id } }, Json)).StatusCode);
        var district = await SignIn(browser, "qucanlian");
        var version = (await district.GetFromJsonAsync<JsonElement>($"/api/v1/households/{id}")).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await district.PostAsJsonAsync($"/api/v1/households/{id}/review", new { decision = "Accept", version }, Json)).StatusCode);
        return id;
    }
}

/// <summary>Objections on a running notice and the approval form: every refusal shown at its field, upholding asked first.</summary>
public sealed class NoticeObjectionJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Objection_refusals_show_at_their_fields_upholding_asks_first_and_the_approval_comment_is_required_at_its_field()
    {
        var objected = await NoticeSetup.Accepted(browser, "覃异议");
        var approved = await NoticeSetup.Accepted(browser, "覃审批");

        // The village posts one notice for each household (Sunday 5 April: it runs to 13 April).
        var page = await browser.NewPage();
        await Browser.SignIn(page, "luoman.cun");
        await page.GotoAsync("/Notices");
        await page.Locator($"#n-{approved}").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "发布公示" }).ClickAsync();
        await Browser.Reached(page, "/Notices/Details/");
        var notice = page.Url;
        await page.GotoAsync("/Notices");
        await page.GetByRole(AriaRole.Button, new() { Name = "发布公示" }).ClickAsync();
        await Browser.Reached(page, "/Notices/Details/");
        var approvalNotice = page.Url;

        // An objection without its content is refused at the content field, and what was typed stays.
        await page.GotoAsync(notice);
        await page.GetByLabel("反映人（可匿名）").FillAsync("村民甲");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记异议" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Objection.Content']")).ToHaveTextAsync("请填写异议内容（不超过1000字）");
        await Assertions.Expect(page.GetByLabel("反映人（可匿名）")).ToHaveValueAsync("村民甲");
        await page.GetByLabel("异议内容").FillAsync("家中有大货车，收入不实");
        await page.GetByLabel("针对对象").SelectOptionAsync(new SelectOptionValue { Label = "覃异议" });
        await page.GetByRole(AriaRole.Button, new() { Name = "登记异议" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("异议已登记");
        // A second one, entered by mistake.
        await page.GetByLabel("异议内容").FillAsync("误登：反映的是邻村的人");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记异议" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("异议已登记");
        var first = page.Locator(".objection", new() { HasText = "家中有大货车" });
        var mistaken = page.Locator(".objection", new() { HasText = "误登：反映的是邻村的人" });
        await Assertions.Expect(first).ToContainTextAsync("针对：覃异议");

        // Withdrawing it without a reason is refused at the reason field (its panel stays open); with one, it is withdrawn.
        await mistaken.GetByText("登记有误？撤销此异议").ClickAsync();
        await mistaken.GetByRole(AriaRole.Button, new() { Name = "撤销异议" }).ClickAsync();
        mistaken = page.Locator(".objection", new() { HasText = "误登：反映的是邻村的人" });
        await Assertions.Expect(mistaken.Locator(".text-danger")).ToHaveTextAsync("请填写撤销原因（不超过500字）");
        await Assertions.Expect(mistaken.GetByLabel("撤销原因")).ToBeVisibleAsync();
        await mistaken.GetByLabel("撤销原因").FillAsync("反映的是邻村村民，登记错了公示");
        await mistaken.GetByRole(AriaRole.Button, new() { Name = "撤销异议" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已撤销误登记的异议");
        await Assertions.Expect(page.Locator(".objection", new() { HasText = "误登：反映的是邻村的人" })).ToContainTextAsync("已撤销（误登记");

        // Resolving without the finding is refused at it.
        first = page.Locator(".objection", new() { HasText = "家中有大货车" });
        await first.GetByRole(AriaRole.Button, new() { Name = "异议不成立" }).ClickAsync();
        first = page.Locator(".objection", new() { HasText = "家中有大货车" });
        await Assertions.Expect(first.Locator(".text-danger")).ToHaveTextAsync("请填写核实处理情况（不超过1000字）");

        // Upholding asks first: "cancel" leaves everything as it was; "OK" withdraws the household.
        string? asked = null;
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await (accept ? dialog.AcceptAsync() : dialog.DismissAsync());
        };
        await first.GetByLabel("核实处理情况").FillAsync("经走访核实，货车为本户所有，收入不实");
        await first.GetByRole(AriaRole.Button, new() { Name = "异议成立，取消该户资格" }).ClickAsync();
        Assert.Equal("确定异议成立吗？覃异议户将被取消帮扶资格，此操作不能撤回。", asked);
        await Assertions.Expect(first.GetByRole(AriaRole.Button, new() { Name = "异议成立，取消该户资格" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#notice-entries")).ToContainTextAsync("公示中");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "notice-objections-desktop");

        accept = true;
        await first.GetByRole(AriaRole.Button, new() { Name = "异议成立，取消该户资格" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("异议成立，该户已取消帮扶资格");
        await Assertions.Expect(page.Locator("#notice-entries")).ToContainTextAsync("已撤销");

        // The public page marks the withdrawn household, on a phone.
        var token = (await page.Locator("#public-link").GetAttributeAsync("href"))!;
        var phone = await browser.NewPage(360, 800);
        await phone.GotoAsync(token);
        await Assertions.Expect(phone.Locator("tbody tr", new() { HasText = "覃*议" })).ToContainTextAsync("（已取消）");
        await Assertions.Expect(phone.Locator("#withdrawn-note")).ToBeVisibleAsync();
        await Browser.Screenshot(phone, "notice-public-withdrawn-phone");

        // On a phone, the village's notice page with its objections.
        var village = await browser.NewPage(360, 800);
        Browser.AcceptDialogs(village);
        await Browser.SignIn(village, "luoman.cun");
        await village.GotoAsync(notice);
        await Browser.AssertAccessible(village);
        await Browser.Screenshot(village, "notice-objections-phone");

        // The other notice: passing it without a photo is refused at the pass button, after the period.
        browser.App.Clock.SetUtcNow(new DateTimeOffset(2020, 4, 14, 1, 0, 0, TimeSpan.Zero));
        await Browser.SignIn(village, "luoman.cun");
        await village.GotoAsync(approvalNotice);
        await village.GetByRole(AriaRole.Button, new() { Name = "公示期满，确认公示结果" }).ClickAsync();
        await Assertions.Expect(village.Locator("#pass-error")).ToHaveTextAsync("请先上传公示张贴现场照片，再确认公示结果");
        var photo = await village.ScreenshotAsync(new() { Type = ScreenshotType.Png });
        await village.SetInputFilesAsync("#Photo", new FilePayload { Name = "张贴照片.png", MimeType = "image/png", Buffer = photo });
        await village.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        await Assertions.Expect(village.GetByRole(AriaRole.Status)).ToContainTextAsync("照片已上传");
        await village.GetByRole(AriaRole.Button, new() { Name = "公示期满，确认公示结果" }).ClickAsync();
        await Assertions.Expect(village.GetByRole(AriaRole.Status)).ToContainTextAsync("已确认1户公示通过");

        // The application, then withdrawing it with no comment: refused at the comment field, on a phone.
        await village.GotoAsync($"/Households/Details/{approved}");
        await village.GetByLabel("意见（退回、撤回时必填）").FillAsync("本人自愿申请");
        await village.Locator("#approval").GetByRole(AriaRole.Button, new() { Name = "登记申请" }).ClickAsync();
        await Assertions.Expect(village.GetByRole(AriaRole.Status)).ToContainTextAsync("已办理");
        await village.Locator("#approval").GetByRole(AriaRole.Button, new() { Name = "撤回“登记申请”" }).ClickAsync();
        await Assertions.Expect(village.Locator("#approval-error")).ToHaveTextAsync("请填写撤回原因");
        await Assertions.Expect(village.Locator("#approval-error")).ToBeInViewportAsync();
        await Browser.AssertAccessible(village);
        await Browser.Screenshot(village, "approval-refusal-phone");
    }
}

/// <summary>A paper notice entered after it was posted (补录): dated no earlier than the acceptance, marked late everywhere.</summary>
public sealed class NoticeLateEntryJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_paper_notice_entered_a_week_later_is_refused_before_acceptance_and_marked_as_a_late_entry()
    {
        // Accepted by the district on Friday 17 April; the village enters its paper notice on Monday 27 April.
        browser.App.Clock.SetUtcNow(new DateTimeOffset(2020, 4, 17, 2, 0, 0, TimeSpan.Zero));
        await NoticeSetup.Accepted(browser, "黄补录");
        browser.App.Clock.SetUtcNow(new DateTimeOffset(2020, 4, 27, 2, 0, 0, TimeSpan.Zero));

        foreach (var (page, name) in new[] { (await browser.NewPage(), "desktop"), (await browser.NewPage(360, 800), "phone") })
        {
            await Browser.SignIn(page, "luoman.cun");
            await page.GotoAsync("/Notices");
            await page.GetByLabel("张贴日期").FillAsync("2020-04-16");
            await page.GetByRole(AriaRole.Button, new() { Name = "发布公示" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-valmsg-for='Input.StartDate']")).ToHaveTextAsync("张贴日期不能早于区残联审核通过的日期：黄补录户于2020年4月17日审核通过");
            await Assertions.Expect(page.GetByLabel("张贴日期")).ToHaveValueAsync("2020-04-16");
            await Browser.AssertAccessible(page);
            await Browser.Screenshot(page, $"notice-create-refused-{name}");
        }

        var village = await browser.NewPage(360, 800);
        await Browser.SignIn(village, "luoman.cun");
        await village.GotoAsync("/Notices");
        await village.GetByLabel("张贴日期").FillAsync("2020-04-20");
        await village.GetByRole(AriaRole.Button, new() { Name = "发布公示" }).ClickAsync();
        await Browser.Reached(village, "/Notices/Details/");
        await Assertions.Expect(village.Locator("#late-entry")).ToContainTextAsync("补录：2020年4月20日张贴，2020年4月27日录入系统");
        await Assertions.Expect(village.Locator("#notice-period")).ToHaveTextAsync("2020年4月20日至2020年4月24日");
        await Browser.AssertAccessible(village);
        await Browser.Screenshot(village, "notice-late-entry-phone");

        await village.GotoAsync(await village.Locator("#print-notice").GetAttributeAsync("href") ?? "");
        await Assertions.Expect(village.Locator("#late-entry")).ToContainTextAsync("补录");
        await Browser.AssertAccessible(village);
        await Browser.Screenshot(village, "notice-late-entry-print-phone");
        await village.GotoAsync("/Notices");
        await Assertions.Expect(village.Locator("#notices")).ToContainTextAsync("已期满 · 补录");
    }
}
