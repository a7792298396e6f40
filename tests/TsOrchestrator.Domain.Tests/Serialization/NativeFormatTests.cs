using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Domain.Tests.Serialization;

public sealed class NativeFormatTests
{
    private static TaskSequence Sample(IReadOnlyDictionary<string, string>? settings = null) => new()
    {
        Id = "TS100001",
        Name = "Deploy",
        Nodes =
        [
            new GroupNode
            {
                Name = "Setup",
                Children =
                [
                    new StepNode
                    {
                        Name = "Run",
                        Type = StepTypeIds.RunCommandLine,
                        Settings = settings ?? new Dictionary<string, string> { ["CommandLine"] = "setup.exe /q", ["WorkingDirectory"] = @"C:\Temp" },
                    },
                ],
            },
        ],
    };

    /// <summary>A minimal native file whose one step line can be replaced, so tests show exactly what they change.</summary>
    private static string File(string stepLine = "\"name\": \"Run\",") => $$"""
        {
          "formatVersion": 1,
          "id": "TS100001",
          "name": "Deploy",
          "nodes": [
            {
              "kind": "step",
              {{stepLine}}
              "type": "RunCommandLine",
              "settings": { "CommandLine": "cmd" }
            }
          ]
        }
        """;

    [Fact]
    public void Settings_are_written_sorted_whatever_the_insertion_order()
    {
        var forward = new Dictionary<string, string> { ["WorkingDirectory"] = "w", ["CommandLine"] = "c", ["PackageID"] = "p" };
        var backward = new Dictionary<string, string> { ["PackageID"] = "p", ["CommandLine"] = "c", ["WorkingDirectory"] = "w" };

        var text = NativeFormat.Serialize(Sample(forward));

        text.IndexOf("\"CommandLine\"", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("\"PackageID\"", StringComparison.Ordinal));
        text.IndexOf("\"PackageID\"", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("\"WorkingDirectory\"", StringComparison.Ordinal));
        NativeFormat.Serialize(Sample(backward)).ShouldBe(text);
    }

    [Fact]
    public void Properties_are_written_in_a_fixed_order_with_the_format_version_first()
    {
        var lines = NativeFormat.Serialize(Sample()).Split('\n');

        lines[1].ShouldBe("  \"formatVersion\": 1,");
        lines[2].ShouldBe("  \"id\": \"TS100001\",");
        lines[3].ShouldBe("  \"name\": \"Deploy\",");
    }

    [Fact]
    public void A_one_field_edit_is_a_one_line_diff()
    {
        var before = NativeFormat.Serialize(Sample()).Split('\n');
        var edited = Sample(new Dictionary<string, string> { ["CommandLine"] = "setup.exe /quiet", ["WorkingDirectory"] = @"C:\Temp" });

        var after = NativeFormat.Serialize(edited).Split('\n');

        after.Length.ShouldBe(before.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        changed.ShouldHaveSingleItem();
        after[changed[0]].Trim().ShouldBe("\"CommandLine\": \"setup.exe /quiet\",");
    }

    [Fact]
    public void Output_ends_with_a_newline_and_uses_two_space_indentation()
    {
        var text = NativeFormat.Serialize(Sample());

        text.ShouldEndWith("}\n");
        text.ShouldContain("\n  \"nodes\": [\n    {\n      \"kind\": \"group\",");
    }

    [Fact]
    public void Unknown_property_is_rejected_with_line_and_json_path()
    {
        var error = Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(File("\"colour\": \"blue\","), "deploy.tsq.json"));

        error.Line.ShouldBe(8);
        error.Message.ShouldContain("deploy.tsq.json:8:");
        error.Message.ShouldContain("$.nodes[0]");
        error.Message.ShouldContain("colour");
    }

    [Fact]
    public void Missing_required_name_is_rejected()
    {
        var error = Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(File("")));

        error.Message.ShouldContain("name");
        error.Line.ShouldNotBeNull();
    }

    [Fact]
    public void Wrong_enum_text_is_rejected_naming_the_value_path()
    {
        var json = File("\"name\": \"Run\", \"condition\": { \"type\": \"variable\", \"variable\": \"X\", \"operator\": \"bigger\", \"value\": \"1\" },");

        var error = Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(json));

        error.Message.ShouldContain("$.nodes[0].condition.operator");
        error.Line.ShouldBe(8);
    }

    [Fact]
    public void Integer_enum_values_are_refused()
    {
        var json = File("\"name\": \"Run\", \"condition\": { \"type\": \"variable\", \"variable\": \"X\", \"operator\": 2, \"value\": \"1\" },");

        var error = Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(json));

        error.Message.ShouldContain("$.nodes[0].condition.operator");
    }

    [Fact]
    public void Enum_text_is_camel_case()
    {
        var json = File("\"name\": \"Run\", \"condition\": { \"type\": \"variable\", \"variable\": \"X\", \"operator\": \"greaterEqual\", \"value\": \"1\" },");

        var sequence = NativeFormat.Deserialize(json);

        NativeFormat.Serialize(sequence).ShouldContain("\"operator\": \"greaterEqual\"");
    }

    [Fact]
    public void Duplicate_setting_names_differing_only_in_case_are_rejected()
    {
        var json = File().Replace("{ \"CommandLine\": \"cmd\" }", "{ \"CommandLine\": \"cmd\", \"commandline\": \"other\" }", StringComparison.Ordinal);

        var error = Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(json));

        error.Message.ShouldContain("commandline");
        error.Message.ShouldContain("twice");
    }

    [Fact]
    public void Settings_read_back_case_insensitively()
    {
        var step = (StepNode)NativeFormat.Deserialize(File()).Nodes[0];

        step.Settings["commandline"].ShouldBe("cmd");
    }

    [Fact]
    public void Format_version_newer_than_this_build_is_rejected()
    {
        var json = File().Replace("\"formatVersion\": 1", $"\"formatVersion\": {NativeFormatVersion.Current + 1}", StringComparison.Ordinal);

        var error = Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(json, "future.tsq.json"));

        error.Message.ShouldContain("future.tsq.json");
        error.Message.ShouldContain($"format version {NativeFormatVersion.Current + 1}");
    }

    [Fact]
    public void Newer_format_version_with_new_fields_reports_the_version_not_the_fields()
    {
        // Regression: the unknown-property error came first and hid the real cause, a file from a newer build.
        var json = $$"""
            {
              "formatVersion": {{NativeFormatVersion.Current + 1}},
              "id": "TS100001",
              "name": "Deploy",
              "approvals": { "required": true },
              "nodes": []
            }
            """;

        var error = Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(json, "future.tsq.json"));

        error.Message.ShouldContain($"format version {NativeFormatVersion.Current + 1} is not supported");
        error.Line.ShouldBe(2);
    }

    [Fact]
    public void Format_version_zero_is_rejected()
    {
        var json = File().Replace("\"formatVersion\": 1", "\"formatVersion\": 0", StringComparison.Ordinal);

        Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize(json)).Message.ShouldContain("format version 0");
    }

    [Fact]
    public void Maximum_run_time_of_zero_survives_a_round_trip()
    {
        var sequence = Sample() with { Advanced = new AdvancedProperties { MaximumRunTimeMinutes = 0 } };

        var read = NativeFormat.Deserialize(NativeFormat.Serialize(sequence));

        read.Advanced.MaximumRunTimeMinutes.ShouldBe(0);
        read.Advanced.EffectiveMaximumRunTimeMinutes.ShouldBe(AdvancedProperties.UnlimitedRunTimeMonitoredMinutes);
    }

    [Fact]
    public void Left_out_maximum_run_time_reads_as_the_default()
    {
        NativeFormat.Deserialize(File()).Advanced.MaximumRunTimeMinutes.ShouldBe(AdvancedProperties.DefaultMaximumRunTimeMinutes);
    }

    [Fact]
    public void Disabled_sequence_survives_a_round_trip()
    {
        var read = NativeFormat.Deserialize(NativeFormat.Serialize(Sample() with { Enabled = false }));

        read.Enabled.ShouldBeFalse();
    }

    [Fact]
    public void Disabled_node_and_continue_on_error_survive_a_round_trip()
    {
        var sequence = Sample() with { Nodes = [new GroupNode { Name = "G", Disabled = true, ContinueOnError = true }] };

        var read = NativeFormat.Deserialize(NativeFormat.Serialize(sequence));

        read.Nodes[0].Disabled.ShouldBeTrue();
        read.Nodes[0].ContinueOnError.ShouldBeTrue();
    }

    [Fact]
    public void Malformed_json_names_the_source_line_and_column()
    {
        var error = Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize("{\n  \"id\": \"x\",\n  \"name\": }", "broken.tsq.json"));

        error.Message.ShouldStartWith("broken.tsq.json:3:");
    }
}
