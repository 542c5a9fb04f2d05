using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

/// <summary>The delegation rule of ADR 0017, case by case: inside the area only, the office fits the unit, never one's own account.</summary>
public sealed class UserAdministrationTests
{
    private static readonly Dictionary<string, Area> Areas = DemoData.Areas().ToDictionary(a => a.Code);
    private const string OtherDistrict = "450205000000";
    private const string OtherDistrictTown = "450205001000";

    private static Actor Admin(string code, Role role = Role.Administrator, string id = "admin") => new(id, "管理员", role, new AreaScope(Areas[code].Level, code));

    private static Area Unit(string code) => Areas.TryGetValue(code, out var a) ? a : new Area(code, "外区", code.EndsWith("000000", StringComparison.Ordinal) ? AreaLevel.District : AreaLevel.Town, null);

    public static TheoryData<string, Role, string, bool> Creations => new()
    {
        // A district administrator: its own unit and everything below, any office that fits the unit's level.
        { DemoData.LiunanDistrict, Role.DistrictFederation, DemoData.LiunanDistrict, true },
        // A peer administrator (same unit) is made only from above: it could take over the other's account.
        { DemoData.LiunanDistrict, Role.Administrator, DemoData.LiunanDistrict, false },
        { DemoData.Liuzhou, Role.Administrator, DemoData.LiunanDistrict, true },
        { DemoData.LiunanDistrict, Role.TownCommittee, DemoData.Luoman, true },
        { DemoData.LiunanDistrict, Role.Administrator, DemoData.Luoman, true },
        { DemoData.LiunanDistrict, Role.VillageBranch, DemoData.LuomanVillage, true },
        { DemoData.LiunanDistrict, Role.Helper, DemoData.GuzhouVillage, true },
        // Never above, never beside.
        { DemoData.LiunanDistrict, Role.CityFederation, DemoData.Liuzhou, false },
        { DemoData.LiunanDistrict, Role.Administrator, DemoData.Liuzhou, false },
        { DemoData.LiunanDistrict, Role.RegionFederation, DemoData.Guangxi, false },
        { DemoData.LiunanDistrict, Role.DistrictFederation, OtherDistrict, false },
        { DemoData.LiunanDistrict, Role.TownCommittee, OtherDistrictTown, false },
        // A town administrator: its town and villages only, not the district nor the other town.
        { DemoData.Luoman, Role.VillageBranch, DemoData.LuomanVillage, true },
        { DemoData.Luoman, Role.TownFederation, DemoData.Luoman, true },
        { DemoData.Luoman, Role.DistrictFederation, DemoData.LiunanDistrict, false },
        { DemoData.Luoman, Role.TownCommittee, DemoData.Liushan, false },
        // The office must fit the unit's level.
        { DemoData.LiunanDistrict, Role.VillageBranch, DemoData.Luoman, false },
        { DemoData.LiunanDistrict, Role.TownCommittee, DemoData.LuomanVillage, false },
        { DemoData.LiunanDistrict, Role.Administrator, DemoData.LuomanVillage, false },
        { DemoData.LiunanDistrict, Role.Helper, DemoData.LiunanDistrict, false },
        { DemoData.Liuzhou, Role.DistrictOrganization, DemoData.LiunanDistrict, true },
        { DemoData.Guangxi, Role.CityFederation, DemoData.Liuzhou, true },
    };

    [Theory]
    [MemberData(nameof(Creations))]
    public void An_administrator_creates_accounts_inside_its_area_with_an_office_that_fits_the_unit(string adminArea, Role office, string area, bool allowed)
    {
        var result = UserAdministration.MayCreate(Admin(adminArea), office, Unit(area));
        Assert.Equal(allowed, result.Succeeded);
        if (!allowed)
        {
            Assert.NotEmpty(result.Errors[0].Message);
        }
    }

    [Fact]
    public void Above_or_beside_is_refused_as_not_allowed_at_the_area_field()
    {
        var result = UserAdministration.MayCreate(Admin(DemoData.Luoman), Role.TownCommittee, Unit(DemoData.Liushan));
        Assert.True(result.IsNotAllowed);
        Assert.Equal("AreaCode", result.Errors[0].Field);
        Assert.Equal(UserAdministration.OutsideArea, result.Errors[0].Message);
    }

    [Fact]
    public void An_office_that_does_not_fit_is_invalid_input_at_the_office_field_and_says_where_it_belongs()
    {
        var result = UserAdministration.MayCreate(Admin(DemoData.LiunanDistrict), Role.VillageBranch, Unit(DemoData.Luoman));
        Assert.False(result.IsNotAllowed);
        Assert.Equal("Role", result.Errors[0].Field);
        Assert.Contains("村（社区）一级", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.DistrictFederation)]
    [InlineData(Role.TownCommittee)]
    [InlineData(Role.VillageBranch)]
    [InlineData(Role.RegionFederation)]
    public void Offices_without_the_right_administer_nothing(Role role)
    {
        var admin = new Actor("x", "x", role, new AreaScope(AreaLevel.District, DemoData.LiunanDistrict));
        Assert.True(UserAdministration.MayCreate(admin, Role.VillageBranch, Unit(DemoData.LuomanVillage)).IsNotAllowed);
        Assert.True(UserAdministration.MayChangeState(admin, new("u", Role.VillageBranch, DemoData.LuomanVillage)).IsNotAllowed);
    }

    [Fact]
    public void Own_account_keeps_its_office_area_and_state_but_its_name_may_change()
    {
        var admin = Admin(DemoData.LiunanDistrict);
        var own = new AccountHolder("admin", Role.Administrator, DemoData.LiunanDistrict);
        Assert.True(UserAdministration.MayChange(admin, own, Role.Administrator, Unit(DemoData.LiunanDistrict)).Succeeded);
        Assert.Equal(UserAdministration.OwnAccount, UserAdministration.MayChange(admin, own, Role.DistrictFederation, Unit(DemoData.LiunanDistrict)).Errors[0].Message);
        Assert.Equal(UserAdministration.OwnAccount, UserAdministration.MayChange(admin, own, Role.Administrator, Unit(DemoData.Luoman)).Errors[0].Message);
        Assert.Equal(UserAdministration.OwnAccount, UserAdministration.MayChangeState(admin, own).Errors[0].Message);
    }

    [Fact]
    public void A_peer_administrator_is_neither_changed_nor_reset_nor_disabled_by_its_peer_only_from_above()
    {
        var peer = new AccountHolder("peer", Role.Administrator, DemoData.Luoman);
        var sameTown = Admin(DemoData.Luoman);
        Assert.Equal(UserAdministration.PeerAdministrator, UserAdministration.MayChangeState(sameTown, peer).Errors[0].Message);
        Assert.True(UserAdministration.MayChange(sameTown, peer, Role.Administrator, Unit(DemoData.Luoman)).IsNotAllowed);
        Assert.True(UserAdministration.MayChangeState(Admin(DemoData.LiunanDistrict), peer).Succeeded);
        // Nor is a town's secretary promoted to the town's administrator by that administrator.
        var secretary = new AccountHolder("s", Role.TownCommittee, DemoData.Luoman);
        Assert.Equal(UserAdministration.PeerAdministrator, UserAdministration.MayChange(sameTown, secretary, Role.Administrator, Unit(DemoData.Luoman)).Errors[0].Message);
    }

    public static TheoryData<string, string, bool> Changes => new()
    {
        { DemoData.LuomanVillage, DemoData.GuzhouVillage, true },
        { DemoData.LuomanVillage, DemoData.Liuzhou, false },
        { OtherDistrictTown, DemoData.Luoman, false },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void An_account_outside_the_area_cannot_be_changed_nor_moved_out(string from, string to, bool allowed)
    {
        var admin = Admin(DemoData.LiunanDistrict);
        var user = new AccountHolder("u", Unit(from).Level == AreaLevel.Village ? Role.VillageBranch : Role.TownCommittee, from);
        var office = Unit(to).Level switch { AreaLevel.Village => Role.VillageBranch, AreaLevel.Town => Role.TownCommittee, _ => Role.CityFederation };
        Assert.Equal(allowed, UserAdministration.MayChange(admin, user, office, Unit(to)).Succeeded);
        Assert.Equal(UserAdministration.Sees(admin, from), UserAdministration.MayChangeState(admin, user).Succeeded);
    }

    [Theory]
    [InlineData("13800001234", true)]
    [InlineData("", true)]
    [InlineData("1380000123", false)]
    [InlineData("23800001234", false)]
    [InlineData("138-0000-1234", false)]
    public void Phone_numbers_are_eleven_digit_mobiles(string phone, bool ok) => Assert.Equal(ok, UserAdministration.CheckPhone(phone) is null);

    [Theory]
    [InlineData("luoman.cun", true)]
    [InlineData("ab", false)]
    [InlineData("洛满村", false)]
    [InlineData("a b c", false)]
    public void User_names_are_short_latin_keys(string name, bool ok) => Assert.Equal(ok, UserAdministration.CheckUserName(name) is null);

    [Fact]
    public void Phones_are_masked_to_the_last_four_digits() => Assert.Equal("*******1234", UserAdministration.MaskPhone("13800001234"));

    [Fact]
    public void Temporary_passwords_meet_the_sign_in_policy_and_differ()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => UserAdministration.TemporaryPassword()).ToList();
        Assert.All(passwords, p =>
        {
            Assert.Equal(12, p.Length);
            Assert.Contains(p, char.IsUpper);
            Assert.Contains(p, char.IsLower);
            Assert.Contains(p, char.IsDigit);
            Assert.Contains(p, c => !char.IsLetterOrDigit(c));
        });
        Assert.Equal(50, passwords.Distinct().Count());
    }
}
