using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.BrowserTests;

/// <summary>Select many → one action in the browser: select all, the running count against the quota, the action always at hand.</summary>
public sealed class BatchJourney(Browser browser) : IClassFixture<Browser>
{
    /// <summary>Leaves the town <paramref name="left"/> quota places.</summary>
    private static async Task LeaveQuota(Browser browser, int left)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var taken = await db.Households.CountAsync(h => h.TownCode == DemoData.Luoman && !h.IsReserve
            && h.Status >= HouseholdStatus.SubmittedByTown && h.Status < HouseholdStatus.Returned);
        var programme = await db.Programmes.SingleAsync();
        programme.SetTownQuota(DemoData.Luoman, taken + left);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Town_selects_all_eligible_sees_the_count_against_its_quota_and_reaches_submit_on_a_phone()
    {
        var page = await browser.NewPage(360, 740);
        Browser.AcceptDialogs(page);
        await Browser.SignIn(page, "luoman.dangwei");
        await page.GotoAsync("/Survey");
        var eligible = await page.Locator("#candidates input[name='Households']").CountAsync();
        Assert.True(eligible >= 15, $"only {eligible} households of the demo can be submitted");
        const int over = 5;
        var left = eligible - over;
        await LeaveQuota(browser, left);
        await page.ReloadAsync();

        // Select all: every eligible household is ticked and counted; more than the quota leaves is flagged at once.
        await page.GetByLabel("全选可报送的对象").CheckAsync();
        await Assertions.Expect(page.Locator("[data-selected]")).ToHaveTextAsync(eligible.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-regular]")).ToHaveTextAsync(eligible.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#selection-count")).ToContainTextAsync($"本镇任务尚余{left}户");
        await Assertions.Expect(page.Locator("[data-over]")).ToContainTextAsync($"正式对象超出任务数{over}户");

        // Ticking reserves moves households from regular to reserve in the count.
        var reserves = page.Locator("#candidates input[name='Reserves']");
        for (var i = 0; i < over; i++)
        {
            await reserves.Nth(i).CheckAsync();
        }
        await Assertions.Expect(page.Locator("[data-regular]")).ToHaveTextAsync(left.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-reserves]")).ToHaveTextAsync(over.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-over]")).ToBeHiddenAsync();

        // In the middle of a long list the submit button is on the screen, not thousands of pixels below.
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Assert.True(height > 5 * 740, $"the list is only {height}px high");
        await page.Locator("#candidates tbody tr").Nth(20).ScrollIntoViewIfNeededAsync();
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "报送区残联" });
        await Assertions.Expect(submit).ToBeInViewportAsync();
        await Browser.Screenshot(page, "survey-town-select-all-phone");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDir, "survey-town-select-all-phone-viewport.png") });
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"/Survey is {overflow}px wider than a 360px phone");
        await Browser.AssertAccessible(page);

        // On a desktop as well.
        var desktop = await browser.NewPage();
        await Browser.SignIn(desktop, "luoman.dangwei");
        await desktop.GotoAsync("/Survey");
        await desktop.GetByLabel("全选可报送的对象").CheckAsync();
        await desktop.Locator("#candidates tbody tr").Nth(20).ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(desktop.GetByRole(AriaRole.Button, new() { Name = "报送区残联" })).ToBeInViewportAsync();
        await desktop.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDir, "survey-town-select-all-desktop-viewport.png") });

        await submit.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"正式对象{left}户，备选{over}户");
    }
}

public sealed class DistrictReviewJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task District_selects_a_towns_submitted_households_and_accepts_them_at_once()
    {
        // The town sends six households.
        var town = await browser.NewPage();
        Browser.AcceptDialogs(town);
        await Browser.SignIn(town, "luoman.dangwei");
        await town.GotoAsync("/Survey");
        var boxes = town.Locator("#candidates input[name='Households']");
        for (var i = 0; i < 6; i++)
        {
            await boxes.Nth(i).CheckAsync();
        }
        await Assertions.Expect(town.Locator("[data-selected]")).ToHaveTextAsync("6");
        await town.GetByRole(AriaRole.Button, new() { Name = "报送区残联" }).ClickAsync();
        await Assertions.Expect(town.GetByRole(AriaRole.Status)).ToContainTextAsync("正式对象6户");

        var page = await browser.NewPage();
        Browser.AcceptDialogs(page);
        await Browser.SignIn(page, "qucanlian");
        await page.GotoAsync($"/Survey?town={DemoData.Luoman}");
        await page.GetByLabel("按状态筛选").SelectOptionAsync(new SelectOptionValue { Value = "SubmittedByTown" });
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Browser.Reached(page, "status=SubmittedByTown");
        var waiting = await page.Locator("#candidates input[name='Households']").CountAsync();
        await page.GetByLabel("全选待审核的对象").CheckAsync();
        await Assertions.Expect(page.Locator("[data-count-of='Households']")).ToHaveTextAsync(waiting.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "survey-district-review-desktop");
        // 退回 with no reason is stopped at the reason box before any question (it used to ask, then be refused with the
        // ticks lost); 通过 is not held up by that message afterwards.
        var questions = 0;
        page.Dialog += (_, _) => Interlocked.Increment(ref questions);
        await page.GetByRole(AriaRole.Button, new() { Name = "批量退回" }).ClickAsync();
        Assert.Equal("退回时请填写审核意见", await page.Locator("#review-reason").EvaluateAsync<string>("f => f.validationMessage"));
        Assert.Equal(0, questions);
        await Assertions.Expect(page.Locator("[data-count-of='Households']")).ToHaveTextAsync(waiting.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Enter in the reason box takes no batch action (it used to accept every ticked household).
        await page.Locator("#review-reason").FillAsync("材料不全，退回补充");
        await page.Locator("#review-reason").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#batch-results")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#candidates input[name='Households']")).ToHaveCountAsync(waiting);
        await page.Locator("#review-reason").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "批量审核通过" }).ClickAsync();
        await Assertions.Expect(page.Locator("#batch-results")).ToContainTextAsync($"已办理{waiting}户");
        await Assertions.Expect(page.Locator("#candidates")).ToContainTextAsync("没有该状态的对象");
        await Browser.Screenshot(page, "survey-district-review-done-desktop");

        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "qucanlian");
        await phone.GotoAsync("/Approvals");
        await Browser.AssertAccessible(phone);
        await Browser.Screenshot(phone, "approvals-district-phone");
    }
}

public sealed class ApprovalBatchJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Town_committee_approves_every_waiting_household_at_once_on_a_phone()
    {
        // Eight of the town's households placed straight after the village's approval (notices are tested on their own).
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            foreach (var h in await db.Households.Where(h => h.TownCode == DemoData.Luoman).OrderBy(h => h.HeadName).Take(8).ToListAsync())
            {
                h.ForceStatusForLoadTest(HouseholdStatus.ApprovedByVillage);
            }
            await db.SaveChangesAsync();
        }
        var page = await browser.NewPage(360, 740);
        Browser.AcceptDialogs(page);
        await Browser.SignIn(page, "luoman.dangwei");
        await page.GotoAsync("/Approvals");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "镇党委审批同意（8户待办）" })).ToBeVisibleAsync();
        // Nothing ticked: told so, and nothing is asked or sent.
        var said = new List<string>();
        page.Dialog += (_, d) => said.Add(d.Type + ":" + d.Message);
        await page.GetByRole(AriaRole.Button, new() { Name = "批量镇党委审批同意" }).ClickAsync();
        await Assertions.Expect(page.Locator("#batch-results")).ToHaveCountAsync(0);
        Assert.Equal(["alert:请先勾选要办理的对象。"], said);
        await page.GetByLabel("全选（8户）").CheckAsync();
        await Assertions.Expect(page.Locator("[data-count-of='Households']")).ToHaveTextAsync("8");
        var approve = page.GetByRole(AriaRole.Button, new() { Name = "批量镇党委审批同意" });
        await Assertions.Expect(approve).ToBeInViewportAsync();
        await Browser.AssertAccessible(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDir, "approvals-town-phone.png") });
        await page.GetByLabel("意见").FillAsync("镇党委会议研究同意");
        // A double tap asks once and acts once: one question, one batch (a second would find the eight already done).
        var questions = 0;
        page.Dialog += (_, _) => Interlocked.Increment(ref questions);
        await approve.DblClickAsync();
        await Assertions.Expect(page.Locator("#batch-results")).ToContainTextAsync("已办理8户");
        await Assertions.Expect(page.Locator("#batch-results")).Not.ToContainTextAsync("未办理");
        Assert.Equal(1, questions);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "镇党委备案（0户待办）" })).ToBeVisibleAsync();
        await Browser.Screenshot(page, "approvals-town-done-phone");
        // Refreshing the results asks for the queue again: the batch is not sent a second time.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#batch-results")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "镇党委审批同意（0户待办）" })).ToBeVisibleAsync();
    }
}
