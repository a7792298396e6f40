using System.Diagnostics;

namespace TsOrchestrator.Bench;

/// <summary>Times a workload after a warm-up, with allocations and collections over the measured runs.</summary>
internal static class Measurement
{
    /// <param name="run">One run of the workload; returns the units (transitions, iterations) it did.</param>
    /// <param name="settings">Warm-up and number of measured runs.</param>
    public static TimedResult Time(Func<int> run, BenchSettings settings)
    {
        // Warm up (see BenchSettings for why so long) ...
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < settings.MinWarmupRuns || warmup.Elapsed < settings.WarmupTime; i++)
        {
            run();
        }

        // ... and give the background JIT a moment to install the tier-1 code before timing.
        Thread.Sleep(settings.SettleTime);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var seconds = new double[settings.Runs];
        var units = 0;
        long allocated = 0;
        for (var r = 0; r < settings.Runs; r++)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            units = run();
            seconds[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            allocated += GC.GetAllocatedBytesForCurrentThread() - bytes;
        }

        return new TimedResult
        {
            Runs = settings.Runs,
            UnitsPerRun = units,
            RunSeconds = seconds,
            AllocatedBytes = allocated,
            Gen0Collections = GC.CollectionCount(0) - gen0,
            Gen1Collections = GC.CollectionCount(1) - gen1,
            Gen2Collections = GC.CollectionCount(2) - gen2,
        };
    }
}
