using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Domain.Tests.Serialization;

/// <summary>
/// Regression: source-generated deserialization gave init-only properties left out of a file
/// <c>default(T)</c> instead of the model's initializer (dotnet/runtime#84484), so a hand-written file
/// without <c>enabled</c> read as a disabled sequence and a variable condition without <c>operator</c> as <c>exists</c>.
/// </summary>
public sealed class LeftOutPropertiesTests
{
    private const string Minimal = """
        {
          "id": "TS100001",
          "name": "Minimal",
          "advanced": {},
          "performance": {},
          "nodes": [
            { "kind": "group", "name": "G" },
            {
              "kind": "step", "name": "S", "type": "RunCommandLine",
              "condition": {
                "type": "if",
                "conditions": [
                  { "type": "variable", "variable": "X", "value": "1" },
                  { "type": "osVersion", "version": "10.0" },
                  { "type": "osLanguage", "language": "en-US" },
                  { "type": "file", "path": "C:\\x", "version": "1.0" },
                  { "type": "folder", "path": "C:\\y" },
                  { "type": "registry", "keyPath": "HKEY_LOCAL_MACHINE\\SOFTWARE" },
                  { "type": "wmi", "query": "SELECT * FROM Win32_Battery" },
                  { "type": "if" }
                ]
              }
            }
          ]
        }
        """;

    [Fact]
    public void Sequence_properties_left_out_take_the_model_defaults()
    {
        var sequence = NativeFormat.Deserialize(Minimal);

        sequence.FormatVersion.ShouldBe(NativeFormatVersion.Current);
        sequence.Version.ShouldBe(1);
        sequence.Enabled.ShouldBeTrue();
        sequence.SoftwareCenter.ShouldNotBeNull();
        sequence.UserNotification.ShouldNotBeNull();
        sequence.Variables.ShouldBeEmpty();
        sequence.Advanced.MaximumRunTimeMinutes.ShouldBe(AdvancedProperties.DefaultMaximumRunTimeMinutes);
        sequence.Advanced.RunOnAnyPlatform.ShouldBeTrue();
        sequence.Advanced.Platforms.ShouldBeEmpty();
        sequence.Performance.UseHighPerformancePowerPlan.ShouldBeTrue();
    }

    [Fact]
    public void Node_properties_left_out_take_the_model_defaults()
    {
        var sequence = NativeFormat.Deserialize(Minimal);

        ((GroupNode)sequence.Nodes[0]).Children.ShouldBeEmpty();
        ((StepNode)sequence.Nodes[1]).Settings.ShouldBeEmpty();
    }

    [Fact]
    public void Condition_properties_left_out_take_the_model_defaults()
    {
        var conditions = ((IfStatement)NativeFormat.Deserialize(Minimal).Nodes[1].Condition!).Conditions;

        ((VariableCondition)conditions[0]).Operator.ShouldBe(ConditionOperator.Equals);
        ((OsVersionCondition)conditions[1]).Operator.ShouldBe(ConditionOperator.GreaterEqual);
        ((OsLanguageCondition)conditions[2]).Operator.ShouldBe(ConditionOperator.Equals);
        ((FileCondition)conditions[3]).VersionOperator.ShouldBe(ConditionOperator.Equals);
        ((FileCondition)conditions[3]).TimestampOperator.ShouldBe(ConditionOperator.Equals);
        ((FolderCondition)conditions[4]).TimestampOperator.ShouldBe(ConditionOperator.Equals);
        ((RegistryCondition)conditions[5]).ValueType.ShouldBe("REG_SZ");
        ((WmiQueryCondition)conditions[6]).Namespace.ShouldBe(@"root\cimv2");
        ((IfStatement)conditions[7]).Conditions.ShouldBeEmpty();
        ((IfStatement)conditions[7]).Kind.ShouldBe(IfKind.All);
    }

    [Fact]
    public void Explicit_values_equal_to_the_type_default_are_kept()
    {
        var json = Minimal
            .Replace("\"name\": \"Minimal\",", "\"name\": \"Minimal\", \"enabled\": false, \"version\": 0,", StringComparison.Ordinal)
            .Replace("\"advanced\": {}", "\"advanced\": { \"maximumRunTimeMinutes\": 0, \"runOnAnyPlatform\": false }", StringComparison.Ordinal)
            .Replace("\"variable\": \"X\", \"value\": \"1\"", "\"variable\": \"X\", \"operator\": \"exists\"", StringComparison.Ordinal);

        var sequence = NativeFormat.Deserialize(json);

        sequence.Enabled.ShouldBeFalse();
        sequence.Version.ShouldBe(0);
        sequence.Advanced.MaximumRunTimeMinutes.ShouldBe(0);
        sequence.Advanced.RunOnAnyPlatform.ShouldBeFalse();
        ((VariableCondition)((IfStatement)sequence.Nodes[1].Condition!).Conditions[0]).Operator.ShouldBe(ConditionOperator.Exists);
    }

    [Fact]
    public void Required_properties_are_still_required()
    {
        Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize("""{ "id": "TS1" }""")).Message.ShouldContain("name");
    }

    [Fact]
    public void Duplicate_property_is_a_format_error_naming_it()
    {
        // Last-wins would silently hide a hand edit.
        var error = Should.Throw<SequenceFormatException>(() => NativeFormat.Deserialize("{\n  \"id\": \"TS1\",\n  \"name\": \"A\",\n  \"name\": \"B\"\n}"));

        error.Message.ShouldContain("name");
        error.Line.ShouldBe(4);
    }

    [Fact]
    public void Derived_properties_are_not_written()
    {
        var text = NativeFormat.Serialize(new TaskSequence { Id = "TS1", Name = "A", Advanced = new AdvancedProperties { MaximumRunTimeMinutes = 0 } });

        text.ShouldNotContain("effectiveMaximumRunTimeMinutes");
        NativeFormat.Deserialize(text).Advanced.EffectiveMaximumRunTimeMinutes.ShouldBe(720);
    }
}
