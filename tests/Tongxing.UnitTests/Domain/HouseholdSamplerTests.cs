using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class HouseholdSamplerTests
{
    private static readonly Guid[] Households = Enumerable.Range(1, 40).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray();

    [Fact]
    public void The_same_seed_draws_the_same_households_in_the_same_order()
    {
        Assert.Equal(HouseholdSampler.Draw(12345, Households, 5), HouseholdSampler.Draw(12345, Households, 5));
    }

    [Fact]
    public void The_draw_does_not_depend_on_the_order_the_households_are_read_in()
    {
        var shuffled = Households.Reverse().Concat(Households.Take(3)).ToArray();
        Assert.Equal(HouseholdSampler.Draw(777, Households, 6), HouseholdSampler.Draw(777, shuffled, 6));
    }

    [Fact]
    public void Different_seeds_draw_different_samples()
    {
        var samples = Enumerable.Range(1, 10).Select(seed => string.Join(",", HouseholdSampler.Draw(seed, Households, 5))).ToHashSet();
        Assert.True(samples.Count >= 9, $"only {samples.Count} different samples from 10 seeds");
    }

    [Fact]
    public void A_larger_sample_from_the_same_seed_extends_the_smaller_one()
    {
        var three = HouseholdSampler.Draw(42, Households, 3);
        Assert.Equal(three, HouseholdSampler.Draw(42, Households, 8).Take(3));
    }

    [Fact]
    public void The_sample_is_never_larger_than_the_households_and_empty_for_no_size()
    {
        Assert.Equal(40, HouseholdSampler.Draw(1, Households, 100).Count);
        Assert.Empty(HouseholdSampler.Draw(1, Households, 0));
        Assert.Empty(HouseholdSampler.Draw(1, [], 3));
    }

    [Fact]
    public void The_rank_is_sha256_of_the_seed_little_endian_then_the_id_bytes()
    {
        var id = Households[0];
        var input = BitConverter.GetBytes(99).Concat(id.ToByteArray()).ToArray();
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(input), HouseholdSampler.Rank(99, id));
    }
}
