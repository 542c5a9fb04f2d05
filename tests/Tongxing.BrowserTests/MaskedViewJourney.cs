using Microsoft.Playwright;

namespace Tongxing.BrowserTests;

/// <summary>The organisation department sees households with numbers masked: nothing on its pages restores them.</summary>
public sealed class MaskedViewJourney(Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData(360, 740, "phone")]
    [InlineData(1280, 900, "desktop")]
    public async Task The_organisation_department_searches_by_name_or_last_four_digits_and_sees_no_birth_date(int width, int height, string name)
    {
        var page = await browser.NewPage(width, height);
        await Browser.SignIn(page, "quzuzhibu");
        await page.GotoAsync("/Households");
        var masked = await page.Locator("#household-table td[data-label='身份证号']").First.InnerTextAsync();
        Assert.Matches("^[0-9]{6}\\*{8}[0-9]{3}[0-9X]$", masked);

        // A whole number typed into the search box would confirm a guess: refused at the box, in words.
        await page.GetByLabel("姓名或身份证号").FillAsync(masked[..6] + "19800101" + masked[^4..]);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(page.Locator("#q-error")).ToContainTextAsync("只能按姓名或身份证号后4位查询");
        await Browser.Screenshot(page, $"masked-search-refused-{name}");

        // The last four digits it sees are searched, and the message goes.
        await page.GetByLabel("姓名或身份证号").FillAsync(masked[^4..]);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(page.Locator("#q-error")).ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#household-table td[data-label='身份证号']").First).ToHaveTextAsync(masked);

        // The household: masked number, no birth date, no certificate or phone number.
        await page.Locator("#household-table td[data-label='户主'] a").First.ClickAsync();
        await Browser.Reached(page, "/Households/Details/");
        var birth = await page.Locator("td[data-label='出生日期']").First.InnerTextAsync();
        Assert.Equal("—", birth.Trim());
        Assert.Contains("********", await page.Locator("td[data-label='身份证号']").First.InnerTextAsync(), StringComparison.Ordinal);
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, $"masked-household-{name}");
    }
}
