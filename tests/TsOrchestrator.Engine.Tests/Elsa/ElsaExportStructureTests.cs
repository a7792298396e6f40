using System.Text.Json;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Elsa;
using TsOrchestrator.Engine.Tests.Support;
using static TsOrchestrator.Engine.Tests.Elsa.ElsaJson;

namespace TsOrchestrator.Engine.Tests.Elsa;

public sealed class ElsaExportStructureTests
{
    private static TaskSequence Build() => SequenceBuilder.Sequence(s => s
        .Step("Partition")
        .Group("Install", g => g
            .Step("Office")
            .Group("Drivers", d => d.Step("Audio").Step("Video")))
        .Restart("Reboot"), id: "TSELSA01", name: "Deploy Windows");

    [Fact]
    public void Definition_is_an_Elsa_3_workflow_with_a_root_sequence_named_for_the_sequence_version()
    {
        var sequence = Build() with { Version = 4, Description = "Lab build" };
        var createdAt = new DateTimeOffset(2026, 11, 30, 1, 2, 3, TimeSpan.Zero);

        var document = Export(sequence, options: new ElsaExportOptions { CreatedAt = createdAt, IsLatest = false });

        document.GetProperty("id").GetString().ShouldBe("TSELSA01-v4");
        document.GetProperty("definitionId").GetString().ShouldBe("TSELSA01");
        document.GetProperty("name").GetString().ShouldBe("Deploy Windows");
        document.GetProperty("description").GetString().ShouldBe("Lab build");
        document.GetProperty("version").GetInt32().ShouldBe(4);
        document.GetProperty("createdAt").GetDateTimeOffset().ShouldBe(createdAt);
        Version.Parse(document.GetProperty("toolVersion").GetString()!).Major.ShouldBeGreaterThanOrEqualTo(3);
        document.GetProperty("isLatest").GetBoolean().ShouldBeFalse();
        document.GetProperty("isPublished").GetBoolean().ShouldBeTrue();
        var root = document.GetProperty("root");
        root.GetProperty("type").GetString().ShouldBe("Elsa.Sequence");
        root.GetProperty("version").GetInt32().ShouldBe(1);
        root.GetProperty("nodeId").GetString().ShouldBe($"Workflow1:{root.GetProperty("id").GetString()}");
        DisplayText(root).ShouldBe("Deploy Windows");
        root.GetProperty("metadata").GetProperty("description").GetString().ShouldBe("Lab build");
        root.GetProperty("activities").EnumerateArray().Select(DisplayText).ShouldBe(["Partition", "Install", "Reboot"]);
    }

    [Fact]
    public void Groups_become_nested_sequences_holding_their_children_in_order()
    {
        var document = Export(Build());

        var install = ByPath(document, "1");
        install.GetProperty("type").GetString().ShouldBe("Elsa.Sequence");
        Kind(install).ShouldBe("group");
        install.GetProperty("activities").EnumerateArray().Select(DisplayText).ShouldBe(["Office", "Drivers"]);
        var drivers = install.GetProperty("activities")[1];
        drivers.GetProperty("activities").EnumerateArray().Select(Path).ShouldBe(["1/1/0", "1/1/1"]);
        drivers.GetProperty("activities")[0].GetProperty("nodeId").GetString()
            .ShouldBe($"{drivers.GetProperty("nodeId").GetString()}:{drivers.GetProperty("activities")[0].GetProperty("id").GetString()}");
    }

    [Fact]
    public void Steps_become_custom_activities_named_for_their_type_with_settings_as_literal_inputs()
    {
        var sequence = SequenceBuilder.Sequence(s => s
            .Step("Say hello", st => st with
            {
                Description = "Greets the operator",
                Settings = new Dictionary<string, string> { ["CommandLine"] = "echo %Greeting%", ["WorkingDirectory"] = "/tmp" },
            })
            .Restart("Reboot")
            .SetVariable("Role", "Role", "kiosk"));

        var document = Export(sequence);

        var hello = ByPath(document, "0");
        hello.GetProperty("type").GetString().ShouldBe("TsOrchestrator.RunCommandLine");
        hello.GetProperty("customProperties").GetProperty("TsOrchestrator:StepType").GetString().ShouldBe(StepTypeIds.RunCommandLine);
        hello.GetProperty("commandLine").GetProperty("typeName").GetString().ShouldBe("String");
        hello.GetProperty("commandLine").GetProperty("expression").GetProperty("type").GetString().ShouldBe("Literal");
        Input(hello, "commandLine").ShouldBe("echo %Greeting%");
        hello.GetProperty("metadata").GetProperty("description").GetString().ShouldBe("Greets the operator");
        Input(hello, "workingDirectory").ShouldBe("/tmp");
        ByPath(document, "1").GetProperty("type").GetString().ShouldBe("TsOrchestrator.RestartComputer");
        Kind(ByPath(document, "1")).ShouldBe("restart");
        var set = ByPath(document, "2");
        set.GetProperty("type").GetString().ShouldBe("TsOrchestrator.SetTaskSequenceVariable");
        Input(set, "variableName").ShouldBe("Role");
        Input(set, "variableValue").ShouldBe("kiosk");
    }

    [Fact]
    public void Continue_on_error_disabled_retries_time_out_and_success_codes_are_custom_properties()
    {
        var sequence = SequenceBuilder.Sequence(s => s
            .Step("Flaky", st => st with { ContinueOnError = true, TimeoutMinutes = 15, RetryOnUnexpectedRestart = 3, SuccessCodes = [0, 1641] })
            .Group("Off", g => g.Step("Inside"), g => g with { Disabled = true }));

        var document = Export(sequence);

        var flaky = ByPath(document, "0").GetProperty("customProperties");
        flaky.GetProperty("TsOrchestrator:ContinueOnError").GetBoolean().ShouldBeTrue();
        flaky.GetProperty("TsOrchestrator:Disabled").GetBoolean().ShouldBeFalse();
        flaky.GetProperty("TsOrchestrator:TimeoutMinutes").GetInt32().ShouldBe(15);
        flaky.GetProperty("TsOrchestrator:RetryOnUnexpectedRestart").GetInt32().ShouldBe(3);
        flaky.GetProperty("TsOrchestrator:SuccessCodes").EnumerateArray().Select(c => c.GetInt32()).ShouldBe([0, 1641]);
        var off = ByPath(document, "1").GetProperty("customProperties");
        off.GetProperty("TsOrchestrator:Disabled").GetBoolean().ShouldBeTrue();
        off.GetProperty("TsOrchestrator:ContinueOnError").GetBoolean().ShouldBeFalse();
        ByPath(document, "1/0").GetProperty("customProperties").GetProperty("TsOrchestrator:Disabled").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public void Sequence_variables_become_workflow_variables_with_their_start_values()
    {
        var sequence = Build() with { Variables = new Dictionary<string, string> { ["OSDComputerName"] = "LAB-01", ["Branch"] = "north" } };

        var variables = Export(sequence).GetProperty("variables").EnumerateArray().ToList();

        variables.Select(v => v.GetProperty("name").GetString()).ShouldBe(["Branch", "OSDComputerName"]);
        variables[1].GetProperty("value").GetString().ShouldBe("LAB-01");
        variables.ShouldAllBe(v => v.GetProperty("typeName").GetString() == "String" && v.GetProperty("id").GetString()!.Length == 16);
    }

    [Fact]
    public void Run_task_sequence_holds_the_child_sequences_activities()
    {
        var child = SequenceBuilder.Sequence(s => s.Step("Child step").Group("Child group", g => g.Step("Deep")), id: "TSCHILD1", name: "Child");
        var parent = SequenceBuilder.Sequence(s => s.Step("Before").RunChild("Run child", "TSCHILD1"));

        var document = Export(parent, new DictionaryResolver(child));

        var run = ByPath(document, "1");
        run.GetProperty("type").GetString().ShouldBe("TsOrchestrator.RunTaskSequence");
        Kind(run).ShouldBe("runChildSequence");
        Input(run, "tsPackageID").ShouldBe("TSCHILD1");
        run.GetProperty("activities").EnumerateArray().Select(DisplayText).ShouldBe(["Child step", "Child group"]);
        NodeActivities(document).Select(Path).ShouldBe(["0", "1", "1/0", "1/1", "1/1/0"]);
    }

    [Fact]
    public void Missing_child_sequence_is_exported_with_the_reason_entering_it_fails()
    {
        var parent = SequenceBuilder.Sequence(s => s.RunChild("Run child", "TSNOWHERE"));

        var run = ByPath(Export(parent), "0");

        run.TryGetProperty("activities", out _).ShouldBeFalse();
        run.GetProperty("customProperties").GetProperty("TsOrchestrator:CompileTimeFailure").GetString().ShouldBe("child task sequence 'TSNOWHERE' was not found");
    }

    [Fact]
    public void Setting_named_like_an_Elsa_key_is_renamed_and_the_rename_recorded()
    {
        var sequence = SequenceBuilder.Sequence(s => s.Step("Join", st => st with
        {
            Settings = new Dictionary<string, string> { ["Type"] = "2", ["WorkgroupName"] = "LAB" },
        }, StepTypeIds.JoinDomainOrWorkgroup));

        var join = ByPath(Export(sequence), "0");

        join.GetProperty("type").GetString().ShouldBe("TsOrchestrator.JoinDomainOrWorkgroup");
        Input(join, "typeSetting").ShouldBe("2");
        join.GetProperty("customProperties").GetProperty("TsOrchestrator:RenamedInputs").GetProperty("typeSetting").GetString().ShouldBe("Type");
        Input(join, "workgroupName").ShouldBe("LAB");
    }

    [Fact]
    public void Empty_sequence_exports_an_empty_root_sequence()
    {
        var document = Export(new TaskSequence { Id = "TSEMPTY1", Name = "Nothing yet" });

        document.GetProperty("root").GetProperty("activities").GetArrayLength().ShouldBe(0);
        document.GetProperty("root").GetProperty("variables").ValueKind.ShouldBe(JsonValueKind.Array);
    }
}
