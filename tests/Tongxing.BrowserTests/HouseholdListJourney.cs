using Microsoft.Playwright;
using Tongxing.Web.Data.Seed;

namespace Tongxing.BrowserTests;

public sealed class HouseholdListJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_work_ledger_offers_a_towns_villages_once_the_town_is_chosen()
    {
        var page = await browser.NewPage(360, 740);
        await Browser.SignIn(page, "qucanlian");
        await page.GotoAsync("/Ledger");
        await Assertions.Expect(page.Locator("#village")).ToBeDisabledAsync();
        Assert.Equal(["请先选择乡镇"], await page.Locator("#village option").AllInnerTextsAsync());
        // Choosing a town asks for the page again with that town's villages.
        await page.SelectOptionAsync("#town", DemoData.Luoman);
        await Browser.Reached(page, "Town=" + DemoData.Luoman);
        await Assertions.Expect(page.Locator("#village")).ToBeEnabledAsync();
        var villages = await page.Locator("#village option").AllInnerTextsAsync();
        Assert.True(villages.Count > 2, string.Join("、", villages));
        await page.SelectOptionAsync("#village", new SelectOptionValue { Label = villages[1] });
        var chosen = await page.Locator("#village").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Browser.Reached(page, "Village=" + chosen);
        // Another town: the village chosen before is dropped, not kept as a filter that matches nothing.
        await page.SelectOptionAsync("#town", DemoData.Liushan);
        await Browser.Reached(page, "Town=" + DemoData.Liushan);
        await Assertions.Expect(page.Locator("#village")).ToHaveValueAsync("");
        Assert.DoesNotContain("Village=" + chosen, page.Url, StringComparison.Ordinal);
        // A village named without its town (a link from elsewhere) shows its town chosen.
        await page.GotoAsync("/Ledger?Village=" + chosen);
        await Assertions.Expect(page.Locator("#town")).ToHaveValueAsync(DemoData.Luoman);
        await Assertions.Expect(page.Locator("#village")).ToHaveValueAsync(chosen);
    }

    [Fact]
    public async Task Choosing_a_town_narrows_the_villages_offered_and_a_village_left_from_another_town_is_dropped()
    {
        var page = await browser.NewPage(360, 740);
        await Browser.SignIn(page, "qucanlian");
        await page.GotoAsync("/Households");
        // Over the district's towns the villages wait for a town (级联): no list of every village of the district.
        await Assertions.Expect(page.Locator("#village")).ToBeDisabledAsync();
        Assert.Equal(["请先选择乡镇"], await page.Locator("#village option").AllInnerTextsAsync());
        var everyVillage = await page.Locator("#village option").CountAsync();

        // Choosing a town refreshes the table and, out of band, the villages offered.
        await page.SelectOptionAsync("#town", DemoData.Luoman);
        await Assertions.Expect(page.Locator("#village option")).Not.ToHaveCountAsync(everyVillage);
        var luomanVillages = await page.Locator("#village option").AllInnerTextsAsync();
        Assert.True(luomanVillages.Count > 2, string.Join("、", luomanVillages));
        await Assertions.Expect(page.Locator("#household-table td[data-label='乡镇']").First).ToHaveTextAsync("洛满镇");
        Assert.All(await page.Locator("#household-table td[data-label='乡镇']").AllInnerTextsAsync(), t => Assert.Equal("洛满镇", t));

        var village = luomanVillages[1];
        await page.SelectOptionAsync("#village", new SelectOptionValue { Label = village });
        await Assertions.Expect(page.Locator("#household-table td[data-label='村（社区）']").First).ToContainTextAsync(village);
        // The address of that choice without its town (a link from elsewhere) shows the town chosen and its villages.
        var chosen = await page.Locator("#village").InputValueAsync();
        var other = await browser.NewPage();
        await Browser.SignIn(other, "qucanlian");
        await other.GotoAsync($"/Households?Village={chosen}");
        await Assertions.Expect(other.Locator("#town")).ToHaveValueAsync(DemoData.Luoman);
        await Assertions.Expect(other.Locator("#village")).ToHaveValueAsync(chosen);

        // Another town: the chosen village does not belong to it, so the list shows the whole town and offers its villages.
        await page.SelectOptionAsync("#town", DemoData.Liushan);
        await Assertions.Expect(page.Locator("#household-table td[data-label='乡镇']").First).ToHaveTextAsync("流山镇");
        await Assertions.Expect(page.Locator("#village")).ToHaveValueAsync("");
        Assert.DoesNotContain(village, await page.Locator("#village option").AllInnerTextsAsync());
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the list is {overflow}px wider than a 360px phone");
        await Browser.AssertAccessible(page);
        // Enter in the search box asks once (the box's change and the form's submit used to ask twice, two history entries).
        var searches = 0;
        page.Request += (_, r) =>
        {
            if (r.Url.Contains("/Households?", StringComparison.Ordinal) && r.Url.Contains("Q=", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref searches);
            }
        };
        await page.Locator("#q").FillAsync("韦");
        await page.Locator("#q").PressAsync("Enter");
        await Browser.Reached(page, "Q=");
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(1, searches);
        // The filters pushed history entries; htmx kept no copy of the pages (names, IDs) in the browser's session storage.
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('htmx-history-cache')"));
    }

    [Fact]
    public async Task Signing_out_from_the_menu_asks_first_then_ends_the_session()
    {
        var page = await browser.NewPage(360, 740);
        await Browser.SignIn(page, "luoman.cun");
        // On a phone the menu is folded: open it (once the page and its scripts have loaded), wait until it has
        // finished unfolding (a tap during the animation can land beside the link), then follow 退出登录.
        await page.GotoAsync("/Households");
        await page.GetByRole(AriaRole.Button, new() { Name = "展开菜单" }).ClickAsync();
        await Assertions.Expect(page.Locator("#nav")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"(^|\s)show(\s|$)"));
        await Assertions.Expect(page.Locator("#nav")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("collapsing"));
        await page.GetByRole(AriaRole.Link, new() { Name = "退出登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Logout$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("退出登录");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "logout-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Browser.Reached(page, "/Account/Login");
        await page.GotoAsync("/Households");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
    }
}
