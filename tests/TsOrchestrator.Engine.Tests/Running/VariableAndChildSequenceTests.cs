using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Tests.Support;
using static TsOrchestrator.Engine.Tests.Support.SequenceBuilder;

namespace TsOrchestrator.Engine.Tests.Running;

/// <summary>TS-SEMANTICS.md §2 rules 17–19 and §4: child sequences, variables, expansion, post action.</summary>
public sealed class VariableAndChildSequenceTests
{
    [Fact]
    public void Set_task_sequence_variable_runs_in_the_engine_without_a_work_item()
    {
        var result = Sim.Run(Sequence(s => s.SetVariable("Set", "OSDComputerName", "PC-%Site%")),
            new Dictionary<string, string> { ["Site"] = "042" }, null);

        result.WorkItems.ShouldBeEmpty();
        result.Variables["osdcomputername"].ShouldBe("PC-042");
        result.Variables[BuiltInVariables.LastActionSucceeded].ShouldBe("true");
    }

    [Fact]
    public void Setting_a_variable_to_the_empty_string_deletes_it()
    {
        var result = Sim.Run(Sequence(s => s.SetVariable("Clear", "Temp", "")),
            new Dictionary<string, string> { ["Temp"] = "x" }, null);

        result.Variables.ContainsKey("Temp").ShouldBeFalse();
    }

    [Fact]
    public void Setting_a_read_only_variable_fails_the_step()
    {
        var result = Sim.Run(Sequence(s => s.SetVariable("Bad", "_SMSTSPackageID", "X")));

        result.Status.ShouldBe(RunStatus.Failed);
        result.Variables[BuiltInVariables.PackageId].ShouldBe("TST00001");
    }

    [Fact]
    public void Steps_cannot_set_read_only_variables_from_the_device()
    {
        var outcome = new Simulation.StepOutcome { Variables = new Dictionary<string, string> { ["_SMSTSPackageID"] = "HACK", ["Model"] = "X1" } };
        var result = Sim.Run(Sequence(s => s.Step("Gather")), ("Gather", outcome));

        result.Variables[BuiltInVariables.PackageId].ShouldBe("TST00001");
        result.Variables["Model"].ShouldBe("X1");
    }

    [Fact]
    public void Package_path_a_download_step_returns_reaches_the_next_step_and_an_engine_variable_does_not()
    {
        var download = new Simulation.StepOutcome
        {
            Variables = new Dictionary<string, string> { ["_TSPackagePathPKG00001"] = "/cache/PKG00001", ["_SMSTSPackageID"] = "HACK" },
        };
        var sequence = Sequence(s => s
            .Step("Download", x => x with { Settings = new Dictionary<string, string> { ["DownloadPackages"] = "PKG00001" } }, StepTypeIds.DownloadPackageContent)
            .Step("Apply", x => x with { Settings = new Dictionary<string, string> { ["CommandLine"] = "apply %_TSPackagePathPKG00001%" } }));

        var result = Sim.Run(sequence, ("Download", download));

        result.Variables["_TSPackagePathPKG00001"].ShouldBe("/cache/PKG00001");
        result.Variables[BuiltInVariables.PackageId].ShouldBe("TST00001");
        result.WorkItems[^1].Settings["CommandLine"].ShouldBe("apply /cache/PKG00001");
    }

    [Fact]
    public void A_command_line_step_cannot_set_a_package_path_or_a_readiness_result()
    {
        var outcome = new Simulation.StepOutcome
        {
            Variables = new Dictionary<string, string> { ["_TSPackagePathPKG00001"] = "/tmp/evil", ["_TS_CRMEMORY"] = "1" },
        };

        var result = Sim.Run(Sequence(s => s.Step("Script")), ("Script", outcome));

        result.Variables.ContainsKey("_TSPackagePathPKG00001").ShouldBeFalse();
        result.Variables.ContainsKey("_TS_CRMEMORY").ShouldBeFalse();
    }

    [Fact]
    public void Percent_references_in_settings_expand_when_the_step_is_dispatched_and_unknown_names_stay()
    {
        var sequence = Sequence(s => s
            .SetVariable("Set", "Target", "D:")
            .Step("Copy", x => x with { Settings = new Dictionary<string, string> { ["CommandLine"] = "copy %Target% %Unknown% 100%" } }));

        var result = Sim.Run(sequence);

        result.WorkItems.Single().Settings["CommandLine"].ShouldBe("copy D: %Unknown% 100%");
    }

    [Fact]
    public void Secret_settings_are_not_expanded_by_the_engine()
    {
        var sequence = Sequence(s => s.Step("As user", x => x with
        {
            Settings = new Dictionary<string, string> { ["CommandLine"] = "whoami", ["UserPassword"] = "%AdminPassword%" },
        }));

        var result = Sim.Run(sequence, new Dictionary<string, string> { ["AdminPassword"] = "s3cret" }, null);

        result.WorkItems.Single().Settings["UserPassword"].ShouldBe("%AdminPassword%");
    }

    [Fact]
    public void Sequence_variables_seed_the_run_and_start_variables_override_them()
    {
        var sequence = Sequence(s => s.Step("A")) with
        {
            Variables = new Dictionary<string, string> { ["DestinationDisk"] = "0", ["Locale"] = "en-US" },
        };

        var result = Sim.Run(sequence, new Dictionary<string, string> { ["Locale"] = "fr-FR" }, null);

        result.Variables["DestinationDisk"].ShouldBe("0");
        result.Variables["Locale"].ShouldBe("fr-FR");
        result.Variables[BuiltInVariables.PackageName].ShouldBe("Test sequence");
    }

    [Fact]
    public void Run_task_sequence_runs_the_child_inline_sharing_variables()
    {
        var child = Sequence(s => s.Step("Child step", x => x with { Condition = When("FromParent", ConditionOperator.Equals, "1") })
            .SetVariable("Child sets", "FromChild", "yes"), id: "CHILD001");
        var parent = Sequence(s => s
            .SetVariable("Parent sets", "FromParent", "1")
            .RunChild("Run child", "CHILD001")
            .Step("After", x => x with { Condition = When("FromChild", ConditionOperator.Equals, "yes") }));

        var result = Sim.Run(parent, new Dictionary<string, string>(), new DictionaryResolver(child));

        result.Trace().ShouldBe(["Parent sets:Succeeded", "Child step:Succeeded", "Child sets:Succeeded", "After:Succeeded"]);
        result.History[1].Path.ShouldBe("1/0");
    }

    [Fact]
    public void Child_sequence_failure_is_the_run_task_sequence_steps_failure()
    {
        var child = Sequence(s => s.Step("Breaks").Step("Never"), id: "CHILD001");
        var parent = Sequence(s => s.RunChild("Run child", "CHILD001", x => x with { ContinueOnError = true }).Step("After"));

        var result = Sim.Run(parent, new Dictionary<string, string>(), new DictionaryResolver(child), ("Breaks", 1));

        result.Trace().ShouldBe(["Breaks:Failed", "After:Succeeded"]);
    }

    [Fact]
    public void Disabled_child_sequence_fails_the_step_even_with_continue_on_error()
    {
        var child = Sequence(s => s.Step("Child step"), id: "CHILD001") with { Enabled = false };
        var parent = Sequence(s => s.RunChild("Run child", "CHILD001", x => x with { ContinueOnError = true }).Step("After"));

        var result = Sim.Run(parent, new Dictionary<string, string>(), new DictionaryResolver(child));

        result.Status.ShouldBe(RunStatus.Failed);
        result.History.Single().Reason!.ShouldContain("is disabled");
    }

    [Fact]
    public void Sequence_that_includes_itself_through_children_does_not_compile()
    {
        var a = Sequence(s => s.RunChild("To B", "B"), id: "A");
        var b = Sequence(s => s.RunChild("Back to A", "A"), id: "B");

        var error = Should.Throw<CompilationException>(() => WorkflowCompiler.Compile(a, new DictionaryResolver(a, b)));

        error.Message.ShouldContain("A -> B -> A");
    }

    [Fact]
    public void Post_action_is_handed_to_the_agent_when_the_run_ends()
    {
        var sequence = Sequence(s => s.SetVariable("Final restart", "SMSTSPostAction", "shutdown /r /t 0"));

        Sim.Run(sequence).PostAction.ShouldBe("shutdown /r /t 0");
    }

    [Fact]
    public void Work_items_carry_the_steps_type_success_codes_time_out_and_attempt()
    {
        var sequence = Sequence(s => s.Step("Install", x => x with
        {
            Settings = new Dictionary<string, string> { ["PackageID"] = "PKG00001", ["ProgramName"] = "Install" },
            TimeoutMinutes = 30,
        }, StepTypeIds.InstallPackage));

        var item = Sim.Run(sequence).WorkItems.Single();

        item.StepType.ShouldBe(StepTypeIds.InstallPackage);
        item.SuccessCodes.ShouldBe([0, 3010]);
        item.TimeoutMinutes.ShouldBe(30);
        item.Attempt.ShouldBe(1);
        item.Path.ShouldBe("0");
    }

    [Fact]
    public void Compiling_an_unknown_step_type_names_the_node_and_the_type()
    {
        var sequence = Sequence(s => s.Group("G", g => g.Step("Mystery", type: "NoSuchStep")));

        var error = Should.Throw<CompilationException>(() => WorkflowCompiler.Compile(sequence));

        error.Message.ShouldBe("node 0/0 ('Mystery'): unknown step type 'NoSuchStep'");
    }

    [Fact]
    public void Content_hash_changes_with_the_sequence_and_not_otherwise()
    {
        var one = Sequence(s => s.Step("A"));
        var same = Sequence(s => s.Step("A"));
        var edited = Sequence(s => s.Step("B"));

        WorkflowCompiler.Compile(one).ContentHash.ShouldBe(WorkflowCompiler.Compile(same).ContentHash);
        WorkflowCompiler.Compile(one).ContentHash.ShouldNotBe(WorkflowCompiler.Compile(edited).ContentHash);
    }

    [Fact]
    public void A_run_is_pinned_to_the_definition_it_started_with()
    {
        var original = new RunEngine(WorkflowCompiler.Compile(Sequence(s => s.Step("A"))));
        var edited = new RunEngine(WorkflowCompiler.Compile(Sequence(s => s.Step("A").Step("B"))));
        var state = original.NewRun("r1");
        original.Apply(state, new StartRun());

        Should.Throw<RunEventRejectedException>(() => edited.Apply(state, new WorkItemCompleted { WorkItemId = "w1" }));
    }
}
