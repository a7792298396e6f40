using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Serialization;

namespace TsOrchestrator.Bench;

/// <summary>The <c>engine</c> benchmark: compile and run generated sequences, with and without state JSON.</summary>
internal static class EngineBenchmark
{
    public static int Run(BenchSettings settings, TextWriter output)
    {
        BenchReport.Header(settings, output);
        var workloads = new List<SizeWorkload>();
        try
        {
            foreach (var steps in settings.Steps)
            {
                output.WriteLine($"generating, compiling and checking {steps:N0} steps ...");
                workloads.Add(Prepare(steps, settings));
            }

            // Sizes are compared with each other: their samples alternate, mode by mode.
            output.WriteLine("timing runs in memory ...");
            var inMemory = TimeMode(workloads, DriverMode.InMemory, settings);
            output.WriteLine("timing runs with the state serialised ...");
            var serialized = TimeMode(workloads, DriverMode.Serialize, settings);
            output.WriteLine("timing runs with the state serialised and deserialised ...");
            var roundTrip = TimeMode(workloads, DriverMode.SerializeAndDeserialize, settings);
            var sizes = workloads.Select((w, i) => new SizeFigures
            {
                Workload = w,
                InMemory = inMemory[i],
                Serialized = serialized[i],
                RoundTrip = roundTrip[i],
            }).ToList();

            // The baseline works on a real state: the middle of the largest run.
            output.WriteLine("timing the serializer baseline ...");
            var baseline = MeasureBaseline(sizes[^1].Verification.MiddleState, settings);
            BenchReport.Print(sizes, baseline, output);
            return 0;
        }
        finally
        {
            foreach (var workload in workloads)
            {
                workload.Driver.Dispose();
            }
        }
    }

    private static SizeWorkload Prepare(int steps, BenchSettings settings)
    {
        var generated = SequenceGenerator.Generate(steps);
        WorkflowDefinition? definition = null;
        var compile = Measurement.Time(() =>
        {
            definition = WorkflowCompiler.Compile(generated.Sequence);
            return 1;
        }, settings with { Runs = settings.CompileRuns });

        var driver = new RunDriver(definition!, generated.ExitCodes);

        // Untimed: how many transitions a run takes, what it did, and how big its state is along the way.
        var transitions = driver.Run(DriverMode.InMemory);
        var verification = new RunVerification(transitions);
        driver.Run(DriverMode.Serialize, verification);
        Check(driver, "verification", RunStatus.Succeeded);

        return new SizeWorkload
        {
            Generated = generated,
            Activities = definition!.Activities.Count,
            Compile = compile,
            Driver = driver,
            Verification = verification,
            Transitions = transitions,
            StepsRun = driver.LastState!.StepsRun,

            // A measured sample of a small sequence repeats its run, so that every sample lasts long enough
            // (tens of ms) for one scheduler hiccup on a shared machine not to decide the figure.
            RunsPerSample = Math.Max(1, settings.TransitionsPerSample / transitions),
        };
    }

    private static IReadOnlyList<TimedResult> TimeMode(IReadOnlyList<SizeWorkload> workloads, DriverMode mode, BenchSettings settings)
    {
        var results = Measurement.TimeInterleaved(
            [.. workloads.Select(w => (Func<int>)(() => Repeat(w.RunsPerSample, () => w.Driver.Run(mode))))], settings);
        foreach (var workload in workloads)
        {
            Check(workload.Driver, mode.ToString(), RunStatus.Succeeded, workload.StepsRun);
        }

        return results;
    }

    /// <summary>A wrong run would make every figure meaningless: that, unlike a missed target, stops the benchmark.</summary>
    private static void Check(RunDriver driver, string what, RunStatus expected, int? stepsRun = null)
    {
        var state = driver.LastState!;
        if (state.Status != expected || (stepsRun is { } n && state.StepsRun != n))
        {
            throw new InvalidOperationException(
                $"the {what} run ended {state.Status} after {state.StepsRun} steps (expected {expected}{(stepsRun is null ? "" : $" after {stepsRun}")}): {state.FailedPath} {state.FailureReason}");
        }
    }

    private static BaselineFigures MeasureBaseline(byte[] stateJson, BenchSettings settings)
    {
        using var baseline = new SerializationBaseline(RunStateSerializer.Deserialize(stateJson));
        var cycles = settings.BaselineCycles;

        // Compared with each other: the ways' samples alternate, like the sizes'.
        var results = Measurement.TimeInterleaved(
        [
            () => Repeat(cycles, baseline.Ours),
            () => Repeat(cycles, baseline.ReflectionCachedOptions),
            () => Repeat(cycles, baseline.ReflectionOptionsPerCall),
            () => Repeat(Math.Max(1, cycles / 10), baseline.ReflectionOptionsAndConverterPerCall),
        ], settings);
        return new BaselineFigures
        {
            StateBytes = stateJson.Length,
            Ours = results[0],
            ReflectionCached = results[1],
            ReflectionOptionsPerCall = results[2],
            ReflectionOptionsAndConverterPerCall = results[3],
        };
    }

    private static int Repeat(int runs, Func<int> run)
    {
        var units = 0;
        for (var i = 0; i < runs; i++)
        {
            units += run();
        }

        return units;
    }

    private static int Repeat(int cycles, Func<RunState> cycle)
    {
        for (var i = 0; i < cycles; i++)
        {
            GC.KeepAlive(cycle());
        }

        return cycles;
    }
}
