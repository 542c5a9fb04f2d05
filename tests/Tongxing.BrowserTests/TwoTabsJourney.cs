using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.BrowserTests;

/// <summary>An official with the same household open in two tabs, and the back button after acting.</summary>
public sealed class TwoTabsJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_same_approval_from_a_second_tab_or_after_going_back_is_refused_at_the_form_and_recorded_once()
    {
        Guid id;
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            // A household straight after the village's approval (notices are tested on their own).
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var h = await db.Households.Where(h => h.TownCode == DemoData.Luoman).OrderBy(h => h.HeadName).FirstAsync();
            h.ForceStatusForLoadTest(HouseholdStatus.ApprovedByVillage);
            await db.SaveChangesAsync();
            id = h.Id;
        }
        var first = await browser.NewPage();
        await Browser.SignIn(first, "luoman.dangwei");
        var second = await first.Context.NewPageAsync();
        await first.GotoAsync($"/Households/Details/{id}");
        await second.GotoAsync($"/Households/Details/{id}");
        await Browser.Reached(second, $"/Households/Details/{id}");

        var approve = first.Locator("#approval").GetByRole(AriaRole.Button, new() { Name = "镇党委审批同意", Exact = true });
        await approve.ClickAsync();
        await Assertions.Expect(first.Locator("main")).ToContainTextAsync("已办理");

        // The second tab still shows the button; pressing it is refused, said at the form, nothing saved twice.
        await second.Locator("#approval").GetByRole(AriaRole.Button, new() { Name = "镇党委审批同意", Exact = true }).ClickAsync();
        await Assertions.Expect(second.Locator("#approval")).ToContainTextAsync("已被他人处理");
        await Browser.AssertAccessible(second);
        await Browser.Screenshot(second, "approval-second-tab");

        // Back in the first tab: the page is asked for again (never kept with its personal data), so the button for a
        // step already taken is gone or, if pressed from a stale page, refused.
        await first.GoBackAsync();
        await Browser.Reached(first, $"/Households/Details/{id}");
        var again = first.Locator("#approval").GetByRole(AriaRole.Button, new() { Name = "镇党委审批同意", Exact = true });
        if (await again.CountAsync() > 0)
        {
            await again.ClickAsync();
            await Assertions.Expect(first.Locator("#approval")).ToContainTextAsync("已被他人处理");
        }

        await using var check = browser.App.Services.CreateAsyncScope();
        var events = await check.ServiceProvider.GetRequiredService<TongxingDb>().Set<HouseholdEvent>().AsNoTracking()
            .Where(e => e.HouseholdId == id && e.To == HouseholdStatus.ApprovedByTown).CountAsync();
        Assert.Equal(1, events);
    }
}
