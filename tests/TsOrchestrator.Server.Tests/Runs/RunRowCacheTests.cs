using TsOrchestrator.Server.Runs;

namespace TsOrchestrator.Server.Tests.Runs;

public sealed class RunRowCacheTests
{
    [Fact]
    public void An_older_row_of_a_run_does_not_replace_a_newer_one()
    {
        var cache = new RunRowCache();
        cache.Remember(Row("RUN1", version: 3));
        cache.Remember(Row("RUN1", version: 2));

        cache.TryGet("RUN1", out var row).ShouldBeTrue();
        row!.Progress.ConcurrencyVersion.ShouldBe(3);
    }

    [Fact]
    public void An_ended_run_leaves_the_cache()
    {
        var cache = new RunRowCache();
        cache.Remember(Row("RUN1", version: 1));
        cache.Remember(Row("RUN1", version: 2, status: "Succeeded"));

        cache.TryGet("RUN1", out _).ShouldBeFalse();
        cache.Count.ShouldBe(0);
    }

    [Fact]
    public void A_row_past_the_capacity_starts_the_cache_afresh()
    {
        var cache = new RunRowCache();
        var state = new string('x', (int)(RunRowCache.Capacity / 2) + 1);
        cache.Remember(Row("RUN1", version: 1, state: state));
        cache.Remember(Row("RUN2", version: 1, state: state));

        cache.TryGet("RUN1", out _).ShouldBeFalse();
        cache.TryGet("RUN2", out _).ShouldBeTrue();
        cache.Count.ShouldBe(1);
    }

    [Fact]
    public void A_row_bigger_than_the_whole_cache_is_never_kept()
    {
        var cache = new RunRowCache();
        cache.Remember(Row("RUN1", version: 1, state: new string('x', (int)RunRowCache.Capacity + 1)));

        cache.TryGet("RUN1", out _).ShouldBeFalse();
    }

    private static RunRow Row(string id, long version, string status = "Running", string state = "{}") =>
        new(new RunProgress(id, status, state, PendingWorkItem: null, CurrentStep: null, version), "hash", HistoryCount: 0, DeviceId: "D1",
            InspectionBytes: 0, InspectionCappedAt: null);
}
