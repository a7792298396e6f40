using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Agents;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Agents;

/// <summary>Store lookups of device keys, which run before the agent call limit, wait their turn under the same limit.</summary>
public sealed class DeviceKeyLookupsTests : IDisposable
{
    private readonly ServerFactory _server = new();

    [Fact]
    public async Task A_fleet_authenticating_at_once_looks_up_no_more_keys_at_a_time_than_the_call_limit()
    {
        using var lookups = Lookups(3);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inside = 0;
        var most = 0;
        var entered = new SemaphoreSlim(0);

        async Task<int> LookUp(int device)
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            entered.Release();
            await release.Task;
            Interlocked.Decrement(ref inside);
            return device;
        }

        var calls = Enumerable.Range(0, 20).Select(i => lookups.RunAsync(_ => LookUp(i), CancellationToken.None)).ToList();
        for (var i = 0; i < 3; i++)
        {
            (await entered.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue();
        }

        // The three holding turns are inside; the other seventeen wait without having started their lookup.
        (await entered.WaitAsync(TimeSpan.FromMilliseconds(200))).ShouldBeFalse();
        Volatile.Read(ref inside).ShouldBe(3);

        release.SetResult();
        (await Task.WhenAll(calls)).ShouldBe(Enumerable.Range(0, 20));
        most.ShouldBe(3);
    }

    [Fact]
    public async Task A_lookup_that_fails_gives_its_turn_back()
    {
        using var lookups = Lookups(1);

        await Should.ThrowAsync<InvalidOperationException>(() => lookups.RunAsync<int>(_ => throw new InvalidOperationException("store gone"), CancellationToken.None));

        (await lookups.RunAsync(_ => Task.FromResult(7), CancellationToken.None)).ShouldBe(7);
    }

    [Fact]
    public async Task A_lookup_whose_store_connection_broke_runs_again_on_a_fresh_one()
    {
        using var lookups = Lookups(1);
        var attempts = 0;

        var found = await lookups.RunAsync(_ => ++attempts == 1
            ? throw new Npgsql.NpgsqlException("Exception while reading from stream", new EndOfStreamException())
            : Task.FromResult(attempts), CancellationToken.None);

        found.ShouldBe(2);
    }

    // The lookups here never touch the store: a real server's services, resolved but unused.
    private DeviceKeyLookups Lookups(int limit) =>
        new(Options.Create(new AgentOptions { MaxConcurrentCalls = limit }), _server.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System);

    public void Dispose() => _server.Dispose();

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
