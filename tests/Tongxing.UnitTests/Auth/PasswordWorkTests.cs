using Microsoft.Extensions.Configuration;
using Tongxing.Web.Auth;

namespace Tongxing.UnitTests.Auth;

public sealed class PasswordWorkTests
{
    private static IConfiguration Settings(string? width) =>
        new ConfigurationBuilder().AddInMemoryCollection(width is null ? [] : [new("Security:ConcurrentPasswordChecks", width)]).Build();

    [Fact]
    public async Task Checks_beyond_the_width_wait_for_a_turn()
    {
        using var turns = new PasswordWork(Settings("1"));
        var running = 0;
        var most = 0;
        using var start = new SemaphoreSlim(0);
        var checks = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await turns.RunAsync(() =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                Thread.Sleep(30);
                Interlocked.Decrement(ref running);
                return true;
            });
        })).ToList();
        start.Release(6);
        Assert.All(await Task.WhenAll(checks), Assert.True);
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task A_waiting_check_can_be_given_up_and_a_failing_check_gives_its_turn_back()
    {
        using var turns = new PasswordWork(Settings("1"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => turns.RunAsync<bool>(() => throw new InvalidOperationException("bad hash")));
        Assert.True(await turns.RunAsync(() => true)); // the turn was given back
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = Task.Run(() => turns.RunAsync(() => { held.Set(); release.Wait(); return true; }));
        held.Wait();
        using var cancel = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => turns.RunAsync(() => true, cancel.Token));
        release.Set();
        Assert.True(await holder);
    }

    [Fact]
    public void The_width_is_half_the_cores_and_never_below_one()
    {
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), PasswordWork.Width(Settings(null)));
        Assert.Equal(3, PasswordWork.Width(Settings("3")));
        Assert.Equal(1, PasswordWork.Width(Settings("0")));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
