using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class AreaTests
{
    private static readonly Dictionary<string, Area> Areas = DemoData.Areas().ToDictionary(a => a.Code);

    [Fact]
    public void Shipped_hierarchy_has_two_towns_and_their_villages()
    {
        Assert.Equal(2, Areas.Values.Count(a => a.Level == AreaLevel.Town));
        Assert.Equal(13, Areas.Values.Count(a => a.ParentCode == DemoData.Luoman));
        Assert.Equal(8, Areas.Values.Count(a => a.ParentCode == DemoData.Liushan));
    }

    [Fact]
    public void Village_path_walks_up_to_the_region()
    {
        var path = AreaPath.Of(DemoData.GuzhouVillage, Areas)!;
        Assert.Equal(new AreaPath("450000000000", "450200000000", DemoData.LiunanDistrict, DemoData.Luoman, DemoData.GuzhouVillage), path);
    }

    [Fact]
    public void A_town_is_not_a_village_path()
    {
        Assert.Null(AreaPath.Of(DemoData.Luoman, Areas));
        Assert.Null(AreaPath.Of("999999999999", Areas));
    }

    [Fact]
    public void Scope_covers_its_own_units_and_those_below_only()
    {
        var guzhou = AreaPath.Of(DemoData.GuzhouVillage, Areas)!;
        Assert.True(new AreaScope(AreaLevel.District, DemoData.LiunanDistrict).Covers(guzhou));
        Assert.True(new AreaScope(AreaLevel.Town, DemoData.Luoman).Covers(guzhou));
        Assert.False(new AreaScope(AreaLevel.Town, DemoData.Liushan).Covers(guzhou));
        Assert.True(new AreaScope(AreaLevel.Village, DemoData.GuzhouVillage).Covers(guzhou));
        Assert.False(new AreaScope(AreaLevel.Village, DemoData.LuomanVillage).Covers(guzhou));
    }

    [Fact]
    public void A_district_and_all_in_it_are_served_by_its_offices_and_overseen_above_by_the_federation()
    {
        Assert.Equal("柳南区委组织部 · 柳南区残疾人联合会", Area.ProgrammeOffices(new Area(DemoData.LiunanDistrict, "柳南区", AreaLevel.District, DemoData.Liuzhou)));
        Assert.Equal("鹿寨县委组织部 · 鹿寨县残疾人联合会", Area.ProgrammeOffices(new Area("450223000000", "鹿寨县", AreaLevel.District, DemoData.Liuzhou)));
        Assert.Equal("柳州市残疾人联合会", Area.ProgrammeOffices(new Area(DemoData.Liuzhou, "柳州市", AreaLevel.City, "450000000000")));
        Assert.Equal("广西壮族自治区残疾人联合会", Area.ProgrammeOffices(new Area("450000000000", "广西壮族自治区", AreaLevel.Region, null)));
    }

    [Fact]
    public void Roles_are_denied_what_is_not_granted()
    {
        Assert.True(Role.VillageBranch.Can(Capability.RegisterHousehold));
        Assert.False(Role.TownCommittee.Can(Capability.RegisterHousehold));
        Assert.False(Role.Finance.Can(Capability.ViewHouseholds));
        Assert.False(Role.Helper.Can(Capability.ViewHouseholds));
        Assert.False(Role.DistrictOrganization.Can(Capability.ViewFullPersonalData));
        Assert.False(((Role)42).Can(Capability.ViewHouseholds));
    }
}
