using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

/// <summary>
/// The helper register's account rule: a village branch or town committee opens ONLY 党员帮扶人 accounts, only in a
/// village of its own area; and what a helper's details must be.
/// </summary>
public sealed class HelperRulesTests
{
    private static readonly Dictionary<string, Area> Areas = DemoData.Areas().ToDictionary(a => a.Code);
    private const string LiushanVillage = "450204102201";

    private static Actor Who(Role role, string code) => new("u", "测试", role, new AreaScope(Areas[code].Level, code));

    public static TheoryData<Role, string, Role, string, bool> Accounts => new()
    {
        { Role.VillageBranch, DemoData.LuomanVillage, Role.Helper, DemoData.LuomanVillage, true },
        { Role.TownCommittee, DemoData.Luoman, Role.Helper, DemoData.GuzhouVillage, true },
        // Only helpers: never an office's account, not even the branch's own office.
        { Role.VillageBranch, DemoData.LuomanVillage, Role.VillageBranch, DemoData.LuomanVillage, false },
        { Role.TownCommittee, DemoData.Luoman, Role.TownCommittee, DemoData.Luoman, false },
        { Role.TownCommittee, DemoData.Luoman, Role.Administrator, DemoData.LuomanVillage, false },
        // Only in a village of one's own area.
        { Role.VillageBranch, DemoData.LuomanVillage, Role.Helper, DemoData.GuzhouVillage, false },
        { Role.TownCommittee, DemoData.Luoman, Role.Helper, LiushanVillage, false },
        { Role.TownCommittee, DemoData.Luoman, Role.Helper, DemoData.Luoman, false },
        // Offices without ManageHelpers open nothing.
        { Role.TownFederation, DemoData.Luoman, Role.Helper, DemoData.LuomanVillage, false },
        { Role.DistrictFederation, DemoData.LiunanDistrict, Role.Helper, DemoData.LuomanVillage, false },
        { Role.Helper, DemoData.LuomanVillage, Role.Helper, DemoData.LuomanVillage, false },
    };

    [Theory]
    [MemberData(nameof(Accounts))]
    public void A_branch_opens_only_helper_accounts_in_a_village_of_its_area(Role role, string scope, Role office, string area, bool allowed) =>
        Assert.Equal(allowed, HelperRules.MayCreateAccount(Who(role, scope), office, Areas[area]).Succeeded);

    [Fact]
    public void A_helpers_details_are_checked_field_by_field()
    {
        var (details, ok) = HelperRules.Check(" 韦建华 ", "Male", "13907720001", "洛满村党支部", null, "", "Technician", "沃柑种植");
        Assert.True(ok.Succeeded);
        Assert.Equal("韦建华", details!.Name);
        Assert.Null(details.Post);
        Assert.Equal(HelperKind.Technician, details.Kind);

        var (_, bad) = HelperRules.Check("", "X", "12345", "", new string('单', Helper.MaxUnitLength + 1), "=HYPERLINK()", "1,2", "a\u202Eb");
        Assert.Equal(["Name", "Gender", "Phone", "PartyBranch", "WorkUnit", "Post", "Kind", "Skills"], bad.Errors.Select(e => e.Field));
        Assert.Equal(HelperKind.ScienceEnvoy, HelperRules.Check("甲", "女", "13907720001", "支部", null, null, "3", null).Details!.Kind);
    }

    [Fact]
    public void A_new_helpers_user_name_is_offered_from_the_phone()
    {
        Assert.Equal("bf13907720001", HelperRules.SuggestUserName("13907720001"));
    }

    [Fact]
    public void A_household_at_its_limit_takes_a_new_helper_only_in_place_of_one_it_has()
    {
        var programme = DemoData.Liunan2020();
        var villages = Areas.Values.Where(a => a.Level == AreaLevel.Village).OrderBy(a => a.Code).ToList();
        var households = DemoData.Households(programme, villages, Areas, 200, DateTimeOffset.UnixEpoch).ToList();
        DemoFollowThrough.FileForLaterPhase(programme, households, Areas, Tongxing.Web.Data.CalendarStore.ShippedCalendar(), new DateOnly(2020, 5, 20), null);
        var household = households.First(h => h.Status == HouseholdStatus.Filed);
        var who = Who(Role.TownCommittee, household.TownCode);
        var path = AreaPath.Of(household.VillageCode, Areas)!;
        Helper NewHelper(string name) => Helper.Register(new HelperDetails(name, Gender.Male, "13907720001", "党支部", null, null, HelperKind.Technician, null), path, who, DateTimeOffset.UnixEpoch);
        var on = new DateOnly(2020, 5, 20);
        var (a, b, c) = (NewHelper("甲"), NewHelper("乙"), NewHelper("丙"));
        var (first, _) = Pairing.Start(household, a, programme, on, who, DateTimeOffset.UnixEpoch);
        Assert.True(Pairing.Start(household, b, programme, on, who, DateTimeOffset.UnixEpoch).Result.Succeeded);
        Assert.True(Pairing.Start(household, c, programme, on, who, DateTimeOffset.UnixEpoch).Result.IsConflict);

        var (next, replaced) = Pairing.Start(household, c, programme, on, who, DateTimeOffset.UnixEpoch, replacing: first);
        Assert.True(replaced.Succeeded);
        Assert.True(first!.End(household, a, "外出务工", on, next, who, DateTimeOffset.UnixEpoch).Succeeded);
        Assert.Equal(2, household.HelperCount);
        Assert.Equal(next!.Id, first.ReplacedById);
        Assert.Equal(0, a.ActiveHouseholds);
        // An ended pairing frees nothing a second time.
        Assert.True(Pairing.Start(household, NewHelper("丁"), programme, on, who, DateTimeOffset.UnixEpoch, replacing: first).Result.IsConflict);
    }
}
