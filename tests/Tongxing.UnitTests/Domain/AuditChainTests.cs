using Tongxing.Web.Domain;

namespace Tongxing.UnitTests.Domain;

public sealed class AuditChainTests
{
    private static List<AuditEntry> Chain(int n)
    {
        var list = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= n; i++)
        {
            var e = AuditEntry.Create(i, previous, DateTimeOffset.UnixEpoch.AddMinutes(i), "u1", "潘书记", "10.0.0.1", "修改", "Household", "h1", "h1", $"{{\"Size\":[{i},{i + 1}]}}");
            list.Add(e);
            previous = e.Hash;
        }
        return list;
    }

    private static AuditChain.Verifier Verify(IEnumerable<AuditEntry> entries)
    {
        var v = new AuditChain.Verifier();
        foreach (var e in entries)
        {
            if (!v.Next(e))
            {
                break;
            }
        }
        return v;
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var v = Verify(Chain(10));
        Assert.Null(v.Broken);
        Assert.Equal(10, v.Checked);
    }

    [Fact]
    public void A_deleted_entry_is_named_by_the_gap()
    {
        var chain = Chain(10);
        chain.RemoveAt(4);
        var v = Verify(chain);
        Assert.Equal(6, v.Broken!.Value.Seq);
        Assert.Contains("缺少第5", v.Broken.Value.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_rebuilt_with_a_new_hash_breaks_the_link_of_the_next()
    {
        var chain = Chain(10);
        // A forger replaces entry 4 with different content and a correct hash of its own…
        chain[3] = AuditEntry.Create(4, chain[2].Hash, chain[3].At, "u1", "潘书记", "10.0.0.1", "修改", "Household", "h1", "h1", "{\"Size\":[1,9]}");
        var v = Verify(chain);
        // …then entry 5 no longer links to it.
        Assert.Equal(5, v.Broken!.Value.Seq);
        Assert.Contains("链接不符", v.Broken.Value.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamps_keep_microseconds_so_postgres_round_trips_verify()
    {
        var at = new DateTimeOffset(2020, 4, 5, 2, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        var e = AuditEntry.Create(1, AuditChain.Genesis, at, "u", "n", null, "登录", null, null, null, null);
        Assert.Equal(0, e.At.UtcTicks % 10);
        Assert.Equal(e.Hash, AuditChain.HashOf(e));
    }
}
