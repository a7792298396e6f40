using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Running;
using static TsOrchestrator.Engine.Tests.Support.SequenceBuilder;

namespace TsOrchestrator.Engine.Tests.Running;

/// <summary>Run inspection: which variables each record's node changed, and which sub-condition decided its condition.</summary>
public sealed class InspectionTests
{
    [Fact]
    public void Set_task_sequence_variable_record_carries_the_variables_it_changed()
    {
        var (records, preludes, _) = Inspect(Sequence(s => s.SetVariable("Choose edition", "Edition", "Pro-%Site%").Step("Install")),
            new Dictionary<string, string> { ["Site"] = "042" });

        var set = records.Single(r => r.Name == "Choose edition");
        set.VariablesChanged.ShouldNotBeNull();
        set.VariablesChanged.ShouldContain(new VariableChange("Edition", null, "Pro-042"));
        set.VariablesChanged.ShouldContain(new VariableChange(BuiltInVariables.LastActionName, null, "Choose edition"));
        set.VariablesChanged.ShouldContain(new VariableChange(BuiltInVariables.LastActionSucceeded, null, "true"));
        // The start variables are the first prelude, before the first record.
        preludes[0].BeforeRecord.ShouldBe(0);
        preludes[0].Changes.ShouldContain(new VariableChange("Site", null, "042"));
    }

    [Fact]
    public void Step_output_variables_and_the_last_action_are_the_steps_own_changes()
    {
        var (records, _, _) = Inspect(Sequence(s => s.Step("Gather").Step("Install")), outputs: new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["Gather"] = new Dictionary<string, string> { ["Model"] = "X1" },
        });

        var gather = records.Single(r => r.Name == "Gather");
        gather.VariablesChanged!.Select(c => c.Name).ShouldBe(["Model", BuiltInVariables.LastActionName, BuiltInVariables.LastActionRetCode, BuiltInVariables.LastActionSucceeded]);
        records.Single(r => r.Name == "Install").VariablesChanged!.ShouldContain(new VariableChange(BuiltInVariables.LastActionName, "Gather", "Install"));
    }

    [Fact]
    public void Skipped_step_names_the_sub_condition_that_decided()
    {
        var gated = IfStatement.AllOf(When("OSDDisk", ConditionOperator.Exists), When("OSDDisk", ConditionOperator.Equals, "1"));
        var (records, _, _) = Inspect(Sequence(s => s.Step("Format", x => x with { Condition = gated })),
            new Dictionary<string, string> { ["OSDDisk"] = "0" });

        var format = records.Single();
        format.Outcome.ShouldBe(ActivityOutcome.Skipped);
        format.ConditionEvaluation.ShouldBe("If all: 2nd condition (variable OSDDisk equals 1) false");
    }

    [Fact]
    public void Step_whose_condition_held_names_the_sub_condition_that_decided()
    {
        var gated = IfStatement.AnyOf(When("OSDDisk", ConditionOperator.Equals, "1"), When("OSDDisk", ConditionOperator.Equals, "0"));
        var (records, preludes, _) = Inspect(Sequence(s => s.Step("Format", x => x with { Condition = gated })),
            new Dictionary<string, string> { ["OSDDisk"] = "0" });

        records.Single().Outcome.ShouldBe(ActivityOutcome.Succeeded);
        // Held at dispatch, so it comes with the changes before the step (its current action name).
        preludes.Single(p => p.ConditionEvaluation is not null).ConditionEvaluation.ShouldBe("If any: 2nd condition (variable OSDDisk equals 0) true");
    }

    [Fact]
    public void Replaying_every_change_in_order_rebuilds_the_run_variables()
    {
        var sequence = Sequence(s => s
            .SetVariable("One", "A", "1")
            .Group("G", g => g.Step("Gather").SetVariable("Clear", "A", ""))
            .Step("Skipped", x => x with { Condition = When("A", ConditionOperator.Exists) })
            .SetVariable("Two", "B", "%Model%"));
        var (records, preludes, state) = Inspect(sequence, new Dictionary<string, string> { ["Site"] = "1" },
            new Dictionary<string, IReadOnlyDictionary<string, string>> { ["Gather"] = new Dictionary<string, string> { ["Model"] = "X1" } });

        var replayed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i <= records.Count; i++)
        {
            foreach (var prelude in preludes.Where(p => p.BeforeRecord == i))
            {
                Apply(replayed, prelude.Changes);
            }

            if (i < records.Count)
            {
                Apply(replayed, records[i].VariablesChanged ?? []);
            }
        }

        replayed.OrderBy(v => v.Key, StringComparer.OrdinalIgnoreCase).ShouldBe(state.Variables.OrderBy(v => v.Key, StringComparer.OrdinalIgnoreCase));
        records.Single(r => r.Name == "Clear").VariablesChanged!.ShouldContain(new VariableChange("A", "1", null));
    }

    [Fact]
    public void A_transition_that_does_not_inspect_records_no_changes()
    {
        var engine = new RunEngine(WorkflowCompiler.Compile(Sequence(s => s.SetVariable("Set", "A", "1").Step("B"))));
        var state = engine.NewRun("r1");

        var transition = engine.Apply(state, new StartRun());

        transition.Records.Single().VariablesChanged.ShouldBeNull();
        transition.Preludes.ShouldBeEmpty();
    }

    /// <summary>Runs the sequence to its end with every transition inspecting; each step succeeds with its outputs.</summary>
    private static (List<ActivityRecord> Records, List<StepPrelude> Preludes, RunState State) Inspect(TaskSequence sequence,
        Dictionary<string, string>? start = null, Dictionary<string, IReadOnlyDictionary<string, string>>? outputs = null)
    {
        var engine = new RunEngine(WorkflowCompiler.Compile(sequence));
        var state = engine.NewRun("r1");
        var records = new List<ActivityRecord>();
        var preludes = new List<StepPrelude>();
        var transition = new Transition { Inspects = true };
        engine.Apply(state, new StartRun { Variables = start ?? [] }, transition);
        Collect();
        while (state.Bookmark is { } bookmark)
        {
            var name = engine.Definition[bookmark.ActivityIndex].Name;
            engine.Apply(state, new WorkItemCompleted { WorkItemId = bookmark.WorkItemId, VariablesSet = outputs?.GetValueOrDefault(name) }, transition);
            Collect();
        }

        return (records, preludes, state);

        void Collect()
        {
            // Record indexes are per transition: number them on for the whole run.
            preludes.AddRange(transition.Preludes.Select(p => p with { BeforeRecord = records.Count + p.BeforeRecord }));
            records.AddRange(transition.Records);
        }
    }

    private static void Apply(Dictionary<string, string> variables, IReadOnlyList<VariableChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.After is null)
            {
                variables.Remove(change.Name);
            }
            else
            {
                variables[change.Name] = change.After;
            }
        }
    }
}
