using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class HouseholdCorrectionTests
{
    private static readonly Dictionary<string, Area> Areas = DemoData.Areas().ToDictionary(a => a.Code);
    private static readonly AreaPath Village = AreaPath.Of(DemoData.LuomanVillage, Areas)!;
    private static readonly DateOnly Today = new(2020, 4, 5);
    private static readonly Actor VillageBranch = new("u1", "洛满村党支部", Role.VillageBranch, new AreaScope(AreaLevel.Village, DemoData.LuomanVillage));
    private static readonly Actor TownCommittee = new("u2", "洛满镇党委", Role.TownCommittee, new AreaScope(AreaLevel.Town, DemoData.Luoman));

    private static HouseholdDetails Details(HouseholdInput input)
    {
        var (details, result) = HouseholdRegistration.Check(input, Village, Today);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return details!;
    }

    private static Household Registered() => Household.Propose(Details(HouseholdRegistrationTests.Valid()), 1, "u1", "测试", DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_household_as_the_form_shows_it_changes_nothing()
    {
        var h = Registered();
        Assert.Empty(HouseholdCorrection.Changes(h, Details(HouseholdCorrection.InputOf(h))));
    }

    [Fact]
    public void Each_changed_field_is_named_with_its_old_and_new_value_as_an_official_reads_them()
    {
        var h = Registered();
        var input = HouseholdCorrection.InputOf(h);
        input.PerCapitaIncome = "5200.5";
        input.WillToWork = true;
        input.Members[0].Phone = "13900000000";
        input.Members[1].LabourAbility = LabourAbility.Strong;

        var changes = HouseholdCorrection.Changes(h, Details(input));

        Assert.Equal(
        [
            new FieldChange("人均年纯收入（元）", "4,800.00", "5,200.50"),
            new FieldChange("有无致富愿望", null, "是"),
            new FieldChange("联系电话", "13812345678", "13900000000"),
            new FieldChange("配偶覃光的劳动能力", "有一定劳动能力", "劳动能力较强"),
        ], changes);
        Assert.Equal("有无致富愿望：（空） → 是", changes[1].ToString());
    }

    [Fact]
    public void A_member_added_or_removed_is_a_change()
    {
        var h = Registered();
        var input = HouseholdCorrection.InputOf(h);
        input.Members.RemoveAt(1);

        Assert.Equal([new FieldChange("家庭成员", "配偶覃光", null)], HouseholdCorrection.Changes(h, Details(input)));
    }

    [Fact]
    public void Only_the_village_may_correct_and_only_while_it_holds_the_household()
    {
        var h = Registered();
        Assert.True(h.CanCorrect(VillageBranch).Succeeded);
        Assert.Contains("只有村（社区）党组织", h.CanCorrect(TownCommittee).Errors[0].Message, StringComparison.Ordinal);

        h.Rescreened(new Screening(ScreeningOutcome.Eligible, false, [], null), "测试", "u", "t", DateTimeOffset.UnixEpoch);
        Assert.True(h.SubmitByTown(TownCommittee, Guid.NewGuid(), false, DateTimeOffset.UnixEpoch).Succeeded);

        var refused = h.CanCorrect(VillageBranch);
        Assert.False(refused.Succeeded);
        Assert.Contains("已报送的对象不能修改", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.False(h.Correct(Details(HouseholdCorrection.InputOf(h)), VillageBranch, DateTimeOffset.UnixEpoch).Succeeded);
    }
}
