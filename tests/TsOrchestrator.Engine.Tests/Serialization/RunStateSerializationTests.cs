using CsCheck;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Serialization;
using TsOrchestrator.Engine.Simulation;
using TsOrchestrator.Engine.Tests.Support;

namespace TsOrchestrator.Engine.Tests.Serialization;

/// <summary>Run state survives JSON with nothing lost: a run continued from the copy behaves as the original.</summary>
public sealed class RunStateSerializationTests
{
    [Fact]
    public void Run_state_round_trips_through_json_after_every_transition_and_runs_on_identically()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var sequence = RandomSequences.Create(seed);
            var engine = new RunEngine(WorkflowCompiler.Compile(sequence));
            var outcomes = new Random(seed);

            var state = engine.NewRun("r1");
            var pending = new Queue<RunEvent>();
            pending.Enqueue(new StartRun());
            var transitions = 0;
            while (pending.TryDequeue(out var next) && transitions++ < 500)
            {
                // Each transition runs on a copy read back from JSON; the copy must re-serialize identically.
                var json = RunStateSerializer.Serialize(state);
                var copy = RunStateSerializer.Deserialize(json);
                RunStateSerializer.Serialize(copy).ShouldBe(json);

                var fromOriginal = engine.Apply(state, next);
                var fromCopy = engine.Apply(copy, next);
                RunStateSerializer.Serialize(copy).ShouldBe(RunStateSerializer.Serialize(state));
                fromCopy.Records.ShouldBe(fromOriginal.Records);
                fromCopy.Commands.Count.ShouldBe(fromOriginal.Commands.Count);

                foreach (var item in fromOriginal.Commands.OfType<DispatchWorkItem>().Select(d => d.WorkItem))
                {
                    pending.Enqueue(Respond(item, outcomes));
                }
            }

            state.Status.ShouldNotBe(RunStatus.Running);
        }, iter: 150);
    }

    [Fact]
    public void Equal_states_serialize_to_equal_bytes_whatever_order_variables_were_set_in()
    {
        // Regression: a variable deleted and set again moved in the dictionary's order, so a state read
        // back from JSON wrote different bytes than the original (found by the property test above).
        var first = new RunState();
        first.Variables.Set("Var1", "x");
        first.Variables.Set("Var2", "y");
        var second = new RunState();
        second.Variables.Set("Var2", "y");
        second.Variables.Set("Var1", "gone");
        second.Variables.Set("Var1", "");
        second.Variables.Set("Var1", "x");

        RunStateSerializer.Serialize(second).ShouldBe(RunStateSerializer.Serialize(first));
    }

    [Fact]
    public void Serialized_state_size_does_not_grow_with_history()
    {
        var steps = Enumerable.Range(0, 200).Select(i => (Domain.Sequences.TaskSequenceNode)new Domain.Sequences.StepNode
        {
            Name = $"Step {i}",
            Type = Domain.Catalog.StepTypeIds.RunCommandLine,
            Settings = new Dictionary<string, string> { ["CommandLine"] = "true" },
        }).ToList();
        var engine = new RunEngine(WorkflowCompiler.Compile(new Domain.Sequences.TaskSequence { Id = "BIG", Name = "Big", Nodes = steps }));
        var state = engine.NewRun("r1");
        engine.Apply(state, new StartRun());
        var sizes = new List<int>();
        while (state.Bookmark is { } bookmark)
        {
            engine.Apply(state, new WorkItemCompleted { WorkItemId = bookmark.WorkItemId });
            sizes.Add(RunStateSerializer.Serialize(state).Length);
        }

        // Only counters' digits may grow: a few bytes over 200 steps, not a record per step.
        (sizes[^2] - sizes[5]).ShouldBeLessThan(16);
    }

    [Fact]
    public void Events_commands_and_records_round_trip_through_json()
    {
        var result = Simulator.Run(RandomSequences.Create(7), new SimulationScenario());
        foreach (var record in result.History)
        {
            var json = System.Text.Json.JsonSerializer.Serialize(record, EngineJsonContext.Default.ActivityRecord);
            System.Text.Json.JsonSerializer.Deserialize(json, EngineJsonContext.Default.ActivityRecord).ShouldBe(record);
        }

        RunEvent resume = new ResumeRun { FromPath = "1/0", VariableEdits = new Dictionary<string, string> { ["A"] = "1" } };
        var text = System.Text.Json.JsonSerializer.Serialize(resume, EngineJsonContext.Default.RunEvent);
        text.ShouldContain("\"event\":\"resume\"");
        var back = (ResumeRun)System.Text.Json.JsonSerializer.Deserialize(text, EngineJsonContext.Default.RunEvent)!;
        back.FromPath.ShouldBe("1/0");
        back.VariableEdits!["A"].ShouldBe("1");
    }

    private static RunEvent Respond(WorkItem item, Random random) => item.Kind switch
    {
        WorkItemKind.Condition => new ConditionEvaluated { WorkItemId = item.Id, Result = random.Next(2) == 0 },
        WorkItemKind.Restart => new DeviceRestarted { Expected = true, WorkItemId = item.Id },
        _ => random.Next(10) switch
        {
            0 => new DeviceRestarted { Expected = false, WorkItemId = item.Id },
            1 when item.TimeoutMinutes is not null => new StepTimedOut { WorkItemId = item.Id },
            2 => new WorkItemCompleted { WorkItemId = item.Id, ExitCode = 3010 },
            3 => new WorkItemCompleted { WorkItemId = item.Id, ExitCode = 1 },
            _ => new WorkItemCompleted { WorkItemId = item.Id, ExitCode = 0 },
        },
    };
}
