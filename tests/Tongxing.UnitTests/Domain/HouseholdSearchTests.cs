using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class HouseholdSearchTests
{
    private static readonly Dictionary<string, Area> Areas = DemoData.Areas().ToDictionary(a => a.Code);

    private static Household Household()
    {
        var input = HouseholdRegistrationTests.Valid();
        input.Members[0].Name = "韦秀英";
        var (details, result) = HouseholdRegistration.Check(input, AreaPath.Of(DemoData.LuomanVillage, Areas)!, new DateOnly(2020, 4, 5));
        Assert.True(result.Succeeded);
        return Tongxing.Web.Domain.Household.Propose(details!, 1, "u1", "测试", DateTimeOffset.UnixEpoch);
    }

    /// <summary>What the list's query does, in memory: a name in the keys, an ID or its tail among the members.</summary>
    private static bool Finds(string typed)
    {
        var household = Household();
        return HouseholdSearch.Parse(typed) switch
        {
            null => false,
            { Kind: SearchKind.Name } term => household.SearchKeys.Contains(term.Value, StringComparison.Ordinal),
            { Kind: SearchKind.WholeId } term => household.Members.Any(m => m.IdNumber == term.Value),
            // The range QueryScope.Search asks the database for, compared byte by byte as the database does.
            var term => household.Members.Any(m => string.CompareOrdinal(m.IdNumberReversed, term.ReversedFrom) >= 0
                && string.CompareOrdinal(m.IdNumberReversed, term.ReversedBefore) < 0),
        };
    }

    [Fact]
    public void Keys_hold_every_member_name_and_id_between_separators() =>
        Assert.Equal(";韦秀英;11010519491231002X;覃光;440524188001010014;", Household().SearchKeys);

    [Theory]
    [InlineData("韦秀英")] // a whole name
    [InlineData("秀")] // a fragment
    [InlineData("覃光")] // not the head
    [InlineData(" 11010519491231002x ")] // a whole ID, lower-case x, spaces
    [InlineData("440524188001010014")]
    [InlineData("002X")] // the last digits
    [InlineData("1010014")]
    public void Finds_a_member_by_name_or_id(string typed) => Assert.True(Finds(typed));

    [Theory]
    [InlineData("韦明")] // no such name
    [InlineData("19491231")] // digits in the middle of an ID are not its last digits
    [InlineData("4405")] // the start of an ID
    [InlineData("0015")] // a tail one digit off
    [InlineData("X002")] // an X only ends an ID
    [InlineData("44052418800101001")] // 17 digits: not a whole ID, not its tail
    [InlineData("英;1101")] // the separator is removed, so a name and an ID cannot be joined
    public void Does_not_find_what_is_not_there(string typed) => Assert.False(Finds(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(";;")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一")] // longer than any name or ID
    public void Nothing_to_search(string? typed) => Assert.Null(HouseholdSearch.Parse(typed));

    [Fact]
    public void A_legacy_15_digit_id_finds_the_18_digit_member() =>
        Assert.Equal(new SearchTerm(SearchKind.WholeId, "11010519491231002X"), HouseholdSearch.Parse("110105491231002"));

    [Fact]
    public void A_short_number_is_searched_as_text_not_as_an_id_tail() =>
        Assert.Equal(SearchKind.Name, HouseholdSearch.Parse("123")!.Kind);

    [Fact]
    public void Members_keep_their_id_reversed() =>
        Assert.Equal("X20013219491501011", Household().Members[0].IdNumberReversed);

    [Theory]
    [InlineData("002x", "X200", "X201")]
    [InlineData("0019", "9100", "9101")]
    [InlineData("9999", "9999", "999:")] // '9' + 1 is ':', past every digit and before nothing an ID holds
    [InlineData("1000X", "X0001", "X0002")]
    public void A_tail_is_a_range_of_reversed_ids(string tail, string from, string before)
    {
        var term = HouseholdSearch.Parse(tail)!;
        Assert.Equal(SearchKind.IdTail, term.Kind);
        Assert.Equal((from, before), (term.ReversedFrom, term.ReversedBefore));
    }

    [Theory]
    [InlineData("313", true, true)]
    [InlineData("韦3", true, true)]
    [InlineData("0012", true, false)]
    [InlineData("韦", true, false)]
    [InlineData("11010519491231002X", true, false)]
    [InlineData("11010519491231002X", false, true)]
    [InlineData("313", false, true)]
    [InlineData("韦", false, false)]
    public void Digits_too_few_for_an_ID_tail_are_not_searched_as_a_name(string typed, bool full, bool refused) =>
        Assert.Equal(refused, HouseholdSearch.Refusal(HouseholdSearch.Parse(typed), full) is not null);
}
