using System.Diagnostics;

namespace TsOrchestrator.Bench;

/// <summary>Times workloads after a warm-up, with allocations and collections over the measured samples.</summary>
internal static class Measurement
{
    /// <param name="run">One sample of the workload; returns the units (transitions, iterations) it did.</param>
    /// <param name="settings">Warm-up and number of measured samples.</param>
    public static TimedResult Time(Func<int> run, BenchSettings settings) => TimeInterleaved([run], settings)[0];

    /// <summary>
    /// Times several workloads whose figures are compared with each other (the same engine at 1,000 and
    /// 10,000 steps): their samples alternate, so load from elsewhere on the machine hits all of them alike
    /// instead of deciding a ratio.
    /// </summary>
    /// <param name="runs">One sample of each workload; each returns the units it did.</param>
    /// <param name="settings">Warm-up and number of measured samples.</param>
    public static IReadOnlyList<TimedResult> TimeInterleaved(IReadOnlyList<Func<int>> runs, BenchSettings settings)
    {
        // Warm up (see BenchSettings for why so long) ...
        foreach (var run in runs)
        {
            var warmup = Stopwatch.StartNew();
            for (var i = 0; i < settings.MinWarmupRuns || warmup.Elapsed < settings.WarmupTime; i++)
            {
                run();
            }
        }

        // ... and give the background JIT a moment to install the tier-1 code before timing.
        Thread.Sleep(settings.SettleTime);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var seconds = new double[runs.Count][];
        var units = new int[runs.Count];
        var allocated = new long[runs.Count];
        var collections = new int[runs.Count, 3];
        for (var w = 0; w < runs.Count; w++)
        {
            seconds[w] = new double[settings.Runs];
        }

        for (var r = 0; r < settings.Runs; r++)
        {
            for (var w = 0; w < runs.Count; w++)
            {
                var gen0 = GC.CollectionCount(0);
                var gen1 = GC.CollectionCount(1);
                var gen2 = GC.CollectionCount(2);
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                units[w] = runs[w]();
                seconds[w][r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
                allocated[w] += GC.GetAllocatedBytesForCurrentThread() - bytes;
                collections[w, 0] += GC.CollectionCount(0) - gen0;
                collections[w, 1] += GC.CollectionCount(1) - gen1;
                collections[w, 2] += GC.CollectionCount(2) - gen2;
            }
        }

        var results = new TimedResult[runs.Count];
        for (var w = 0; w < runs.Count; w++)
        {
            results[w] = new TimedResult
            {
                Runs = settings.Runs,
                UnitsPerRun = units[w],
                RunSeconds = seconds[w],
                AllocatedBytes = allocated[w],
                Gen0Collections = collections[w, 0],
                Gen1Collections = collections[w, 1],
                Gen2Collections = collections[w, 2],
            };
        }

        return results;
    }
}
