using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tongxing.IntegrationTests;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.BrowserTests;

/// <summary>The household form as a village secretary uses it: several members, a member removed, Enter in a text field.</summary>
public sealed class HouseholdFormJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Three_members_registered_one_removed_and_Enter_saves_exactly_what_was_typed()
    {
        var page = await browser.NewPage();
        await Browser.SignIn(page, "luoman.cun");
        await page.GotoAsync("/Households/Register");
        await Browser.Reached(page, "/Households/Register$");

        var head = Households.NewId(Gender.Female, 45);
        var spouse = Households.NewId(Gender.Male, 47);
        var child = Households.NewId(Gender.Male, 20);
        await RegisterHouseholdJourney.FillHousehold(page, "蒙表单", head);

        // Two more members, each added with the button (the page reloads with one more blank member).
        await page.GetByRole(AriaRole.Button, new() { Name = "添加家庭成员" }).ClickAsync();
        await Assertions.Expect(page.Locator("fieldset.tx-member")).ToHaveCountAsync(2);
        await FillMember(page, 1, "覃表单", Relation.Spouse, spouse, Gender.Male);
        await page.GetByRole(AriaRole.Button, new() { Name = "添加家庭成员" }).ClickAsync();
        await Assertions.Expect(page.Locator("fieldset.tx-member")).ToHaveCountAsync(3);
        await FillMember(page, 2, "蒙小表", Relation.Child, child, Gender.Male);

        // Enter in a text field of the third member saves the whole household: it neither adds nor removes a member.
        await page.Locator("#Input_Members_2__Name").PressAsync("Enter");
        await Browser.Reached(page, "/Households/Details/");
        var id = Guid.Parse(page.Url.Split('/')[^1].Split('?')[0]);
        await AssertMembers(id, ("蒙表单", head, Relation.Head), ("覃表单", spouse, Relation.Spouse), ("蒙小表", child, Relation.Child));

        // Edit: removing a member asks first; "取消" keeps the member.
        await page.GotoAsync($"/Households/Edit/{id}");
        await Browser.Reached(page, "/Households/Edit/");
        await Assertions.Expect(page.Locator("fieldset.tx-member")).ToHaveCountAsync(3);
        var removeChild = page.Locator("fieldset.tx-member").Nth(2).GetByRole(AriaRole.Button, new() { Name = "删除此成员" });
        string? asked = null;
        void Dismiss(object? _, IDialog d) { asked = d.Message; _ = d.DismissAsync(); }
        page.Dialog += Dismiss;
        await removeChild.ClickAsync();
        page.Dialog -= Dismiss;
        Assert.Contains("蒙小表", asked);
        await Assertions.Expect(page.Locator("fieldset.tx-member")).ToHaveCountAsync(3);

        void Accept(object? _, IDialog d) => _ = d.AcceptAsync();
        page.Dialog += Accept;
        await removeChild.ClickAsync();
        await Assertions.Expect(page.Locator("fieldset.tx-member")).ToHaveCountAsync(2);
        page.Dialog -= Accept;

        // Then a change typed in and Enter pressed in a text field: saved, with exactly two members.
        await page.Locator("#Input_Members_1__Name").FillAsync("覃改名");
        await page.GetByLabel("家庭人口数").FillAsync("2");
        await page.GetByLabel("项目内容").FillAsync("养殖生猪12头");
        await page.GetByLabel("项目内容").PressAsync("Enter");
        await Browser.Reached(page, $"/Households/Details/{id}");
        await AssertMembers(id, ("蒙表单", head, Relation.Head), ("覃改名", spouse, Relation.Spouse));
        using var scope = browser.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var saved = await db.Households.AsNoTracking().SingleAsync(h => h.Id == id);
        Assert.Equal(2, saved.Size);
        Assert.Equal("养殖生猪12头", saved.ProjectDescription);
        await Browser.Screenshot(page, "household-two-members-saved");
    }

    private static async Task FillMember(IPage page, int i, string name, Relation relation, string id, Gender gender)
    {
        await page.Locator($"#Input_Members_{i}__Name").FillAsync(name);
        await page.Locator($"#Input_Members_{i}__Relation").SelectOptionAsync(relation.ToString());
        await page.Locator($"#Input_Members_{i}__IdNumber").FillAsync(id);
        await page.Locator($"#Input_Members_{i}__Gender").SelectOptionAsync(gender.ToString());
        await page.Locator($"#Input_Members_{i}__LabourAbility").SelectOptionAsync("Strong");
    }

    private async Task AssertMembers(Guid household, params (string Name, string Id, Relation Relation)[] expected)
    {
        using var scope = browser.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var members = await db.Members.AsNoTracking().Where(m => m.HouseholdId == household).ToListAsync();
        Assert.Equal(
            expected.Select(e => (e.Name, e.Id, e.Relation)).OrderBy(e => e.Id),
            members.Select(m => (m.Name, m.IdNumber, m.Relation)).OrderBy(e => e.IdNumber));
    }
}
