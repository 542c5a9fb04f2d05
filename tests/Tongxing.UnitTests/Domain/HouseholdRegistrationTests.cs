using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class HouseholdRegistrationTests
{
    private static readonly Dictionary<string, Area> Areas = DemoData.Areas().ToDictionary(a => a.Code);
    private static readonly AreaPath Village = AreaPath.Of(DemoData.LuomanVillage, Areas)!;
    private static readonly DateOnly Today = new(2020, 4, 5);

    internal static HouseholdInput Valid() => new()
    {
        VillageCode = DemoData.LuomanVillage,
        Group = "上屯",
        Size = 3,
        PerCapitaIncome = "4800",
        Poverty = PovertyStatus.Registered,
        ProjectType = ProjectType.Livestock,
        ProjectDescription = "养殖土鸡200羽",
        Members =
        [
            new MemberInput { Name = "韦明", Gender = Gender.Female, IdNumber = "11010519491231002X", Relation = Relation.Head, CertificateNumber = "11010519491231002X43", LabourAbility = LabourAbility.Strong, Phone = "13812345678" },
            new MemberInput { Name = "覃光", Gender = Gender.Male, IdNumber = "440524188001010014", Relation = Relation.Spouse, LabourAbility = LabourAbility.Ordinary },
        ],
    };

    private static Result Refusal(HouseholdInput input)
    {
        var (details, result) = HouseholdRegistration.Check(input, Village, Today);
        Assert.Null(details);
        return result;
    }

    private static Household Propose(HouseholdInput input)
    {
        var (details, result) = HouseholdRegistration.Check(input, Village, Today);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return Household.Propose(details!, 1, "u1", "测试", DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void A_complete_household_is_registered_with_derived_disability_and_head()
    {
        var household = Propose(Valid());
        Assert.Equal("韦明", household.HeadName);
        Assert.Equal(new Money(480_000), household.PerCapitaIncome);
        Assert.Equal(DemoData.Luoman, household.TownCode);
        var head = household.Members.Single(m => m.Relation == Relation.Head);
        Assert.Equal(DisabilityCategory.Physical, head.DisabilityCategory);
        Assert.Equal(3, head.DisabilityGrade);
        Assert.Equal(HouseholdStatus.Proposed, household.Status);
    }

    [Fact]
    public void Legacy_id_of_a_member_is_stored_as_18_digits()
    {
        var input = Valid();
        input.Members[0].IdNumber = "110105491231002";
        Assert.Equal("11010519491231002X", Propose(input).HeadIdNumber);
    }

    [Fact]
    public void Wrong_check_digit_is_reported_at_the_members_id_field()
    {
        var input = Valid();
        input.Members[1].IdNumber = "440524188001010015";
        var errors = Refusal(input).Errors;
        Assert.Contains(errors, e => e.Field == "Members[1].IdNumber" && e.Message.Contains("校验位", StringComparison.Ordinal));
    }

    [Fact]
    public void Gender_that_contradicts_the_id_is_refused()
    {
        var input = Valid();
        input.Members[0].Gender = Gender.Male;
        Assert.Contains(Refusal(input).Errors, e => e.Field == "Members[0].Gender");
    }

    [Fact]
    public void Certificate_of_another_person_is_refused()
    {
        var input = Valid();
        input.Members[0].CertificateNumber = "44052418800101001443";
        Assert.Contains(Refusal(input).Errors, e => e.Field == "Members[0].CertificateNumber" && e.Message.Contains("前18位", StringComparison.Ordinal));
    }

    [Fact]
    public void Category_chosen_against_the_certificate_is_refused()
    {
        var input = Valid();
        input.Members[0].DisabilityCategory = DisabilityCategory.Visual;
        Assert.Contains(Refusal(input).Errors, e => e.Field == "Members[0].DisabilityCategory");
    }

    [Theory]
    [InlineData("-100", "负数")]
    [InlineData("四千", "不是有效的金额")]
    [InlineData("", "请填写")]
    public void Bad_income_is_refused_at_the_income_field(string income, string expected)
    {
        var input = Valid();
        input.PerCapitaIncome = income;
        Assert.Contains(Refusal(input).Errors, e => e.Field == "PerCapitaIncome" && e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Household_needs_exactly_one_head()
    {
        var input = Valid();
        input.Members[1].Relation = Relation.Head;
        Assert.Contains(Refusal(input).Errors, e => e.Field == "Members" && e.Message.Contains("只能有一名户主", StringComparison.Ordinal));
        input.Members[0].Relation = Relation.Spouse;
        input.Members[1].Relation = Relation.Spouse;
        Assert.Contains(Refusal(input).Errors, e => e.Field == "Members" && e.Message.Contains("请指定一名户主", StringComparison.Ordinal));
    }

    [Fact]
    public void Household_size_cannot_be_below_the_members_registered()
    {
        var input = Valid();
        input.Size = 1;
        Assert.Contains(Refusal(input).Errors, e => e.Field == "Size");
    }

    [Fact]
    public void Same_person_twice_in_one_household_is_refused()
    {
        var input = Valid();
        input.Members[1] = new MemberInput { Name = "韦明", Gender = Gender.Female, IdNumber = "11010519491231002X", Relation = Relation.Child, LabourAbility = LabourAbility.Strong };
        Assert.Contains(Refusal(input).Errors, e => e.Field == "Members[1].IdNumber" && e.Message.Contains("重复", StringComparison.Ordinal));
    }

    [Fact]
    public void Birth_date_after_today_is_refused()
    {
        var input = Valid();
        const string first17 = "45020420210101123";
        input.Members[1].IdNumber = first17 + ResidentId.CheckCharacter(first17);
        Assert.Contains(Refusal(input).Errors, e => e.Field == "Members[1].IdNumber" && e.Message.Contains("晚于今天", StringComparison.Ordinal));
    }

    [Fact]
    public void Village_outside_the_users_area_is_refused()
    {
        var (details, result) = HouseholdRegistration.Check(Valid(), null, Today);
        Assert.Null(details);
        Assert.Contains(result.Errors, e => e.Field == "VillageCode");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("张三'; DROP TABLE Households;--")]
    [InlineData("李\u0007四")]
    public void Names_with_markup_or_control_characters_are_refused(string name)
    {
        var input = Valid();
        input.Members[0].Name = name;
        Assert.Contains(Refusal(input).Errors, e => e.Field == "Members[0].Name");
    }

    [Fact]
    public void Bad_phone_number_is_refused()
    {
        var input = Valid();
        input.Members[0].Phone = "12345";
        Assert.Contains(Refusal(input).Errors, e => e.Field == "Members[0].Phone");
    }

    [Fact]
    public void Demo_data_covers_every_village_with_valid_households()
    {
        var programme = DemoData.Liunan2020();
        var villages = Areas.Values.Where(a => a.Level == AreaLevel.Village).OrderBy(a => a.Code).ToList();
        var households = DemoData.Households(programme, villages, Areas, 200, DateTimeOffset.UnixEpoch).ToList();
        Assert.Equal(200, households.Count);
        Assert.Equal(villages.Count, households.Select(h => h.VillageCode).Distinct().Count());
        Assert.All(households.SelectMany(h => h.Members), m => Assert.True(ResidentId.Parse(m.IdNumber).Ok));
        Assert.Contains(households, h => h.PerCapitaIncome < programme.PriorityIncomeThreshold);
        Assert.Contains(households, h => h.PerCapitaIncome >= programme.PriorityIncomeThreshold);
        Assert.Equal(households.SelectMany(h => h.Members).Count(), households.SelectMany(h => h.Members).Select(m => m.IdNumber).Distinct().Count());
        Assert.All(households, h => Assert.NotNull(h.Screening));
        foreach (var outcome in Enum.GetValues<ScreeningOutcome>())
        {
            Assert.Contains(households, h => h.Screening == outcome);
        }
    }
}
