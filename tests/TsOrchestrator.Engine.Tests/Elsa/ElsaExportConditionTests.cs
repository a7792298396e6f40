using System.Text.Json;
using CsCheck;
using Jint;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Elsa;
using TsOrchestrator.Engine.Tests.Support;
using static TsOrchestrator.Engine.Tests.Elsa.ElsaJson;

namespace TsOrchestrator.Engine.Tests.Elsa;

/// <summary>Conditions become Elsa If activities whose JavaScript, run in Jint as Elsa runs it, decides as the engine does.</summary>
public sealed class ElsaExportConditionTests
{
    private static readonly string[] Names = ["Role", "Build", "Site"];
    private static readonly string[] Values = ["1", "2", "10", "1.5", "-3", "10.0.1", "9.2", "abc", "ABC", "abd", "a*", "?b*", "*", ""];

    [Fact]
    public void Conditioned_node_is_wrapped_in_an_If_that_keeps_the_condition_tree()
    {
        var condition = IfStatement.AllOf(
            SequenceBuilder.When("Role", ConditionOperator.Equals, "kiosk"),
            IfStatement.NoneOf(SequenceBuilder.When("Build", ConditionOperator.Exists)));
        var sequence = SequenceBuilder.Sequence(s => s.Group("Kiosk", g => g.Step("Lock down"), g => g with { Condition = condition }));

        var document = Export(sequence);

        var wrapper = document.GetProperty("root").GetProperty("activities")[0];
        wrapper.GetProperty("type").GetString().ShouldBe("Elsa.If");
        Kind(wrapper).ShouldBe("condition");
        DisplayText(wrapper).ShouldBe("If: Kiosk");
        wrapper.GetProperty("condition").GetProperty("typeName").GetString().ShouldBe("Boolean");
        wrapper.GetProperty("condition").GetProperty("expression").GetProperty("type").GetString().ShouldBe("JavaScript");
        var kept = wrapper.GetProperty("customProperties").GetProperty("TsOrchestrator:Condition");
        kept.GetProperty("type").GetString().ShouldBe("if");
        kept.GetProperty("kind").GetString().ShouldBe("all");
        kept.GetProperty("conditions")[1].GetProperty("kind").GetString().ShouldBe("none");
        kept.GetProperty("conditions")[1].GetProperty("conditions")[0].GetProperty("operator").GetString().ShouldBe("exists");
        var group = wrapper.GetProperty("then");
        group.GetProperty("type").GetString().ShouldBe("Elsa.Sequence");
        Path(group).ShouldBe("0");
        group.GetProperty("activities").GetArrayLength().ShouldBe(1);
        document.GetProperty("customProperties").TryGetProperty("TsOrchestrator:HostFunctions", out _).ShouldBeFalse();
    }

    [Fact]
    public void If_expression_decides_nested_All_Any_None_trees_as_the_engine_does()
    {
        Gen.Select(ConditionGen(3), VariablesGen()).Sample((condition, variables) =>
        {
            var expected = ConditionEvaluator.Evaluate(condition, variables);
            var actual = Evaluate(ScriptOf(condition), variables);
            actual.ShouldBe(expected!.Value, $"{JsonSerializer.Serialize(condition)} with {JsonSerializer.Serialize(variables)}");
        }, iter: 400);
    }

    [Fact]
    public void Empty_if_statements_decide_as_the_engine_does()
    {
        var none = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        Evaluate(ScriptOf(IfStatement.AllOf()), none).ShouldBeTrue();
        Evaluate(ScriptOf(IfStatement.AnyOf()), none).ShouldBeFalse();
        Evaluate(ScriptOf(IfStatement.NoneOf()), none).ShouldBeTrue();
    }

    [Fact]
    public void Device_conditions_call_the_host_function_with_the_condition_and_the_definition_names_it()
    {
        var file = new FileCondition { Path = "%SystemDrive%\\marker.txt" };
        var sequence = SequenceBuilder.Sequence(s => s.Step("Only with marker", st => st with
        {
            Condition = IfStatement.AnyOf(file, SequenceBuilder.When("Force", ConditionOperator.Equals, "yes")),
        }));

        var document = Export(sequence);

        var script = document.GetProperty("root").GetProperty("activities")[0].GetProperty("condition").GetProperty("expression").GetProperty("value").GetString()!;
        script.ShouldContain($"{ElsaConditionScript.DeviceFunction}({{\"type\":\"file\"");
        document.GetProperty("customProperties").GetProperty("TsOrchestrator:HostFunctions")[0].GetString()!.ShouldStartWith(ElsaConditionScript.DeviceFunction);
        var noForce = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Evaluate(script, noForce, device: c => c.GetProperty("path").GetString() == "%SystemDrive%\\marker.txt").ShouldBeTrue();
        Evaluate(script, noForce, device: _ => false).ShouldBeFalse();
        Evaluate(script, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["force"] = "YES" }, device: _ => false).ShouldBeTrue();
    }

    private static string ScriptOf(Condition condition)
    {
        var sequence = SequenceBuilder.Sequence(s => s.Step("Guarded", st => st with { Condition = condition }));
        return Export(sequence).GetProperty("root").GetProperty("activities")[0]
            .GetProperty("condition").GetProperty("expression").GetProperty("value").GetString()!;
    }

    /// <summary>Runs the script as Elsa does: Jint, <c>getVariable</c> bound, the last statement's value the result.</summary>
    private static bool Evaluate(string script, Dictionary<string, string> variables, Func<JsonElement, bool>? device = null)
    {
        var engine = new Jint.Engine();
        engine.SetValue("getVariable", new Func<string, object?>(name => variables.TryGetValue(name, out var value) ? value : null));
        if (device is not null)
        {
            // The host function receives the condition object; the test reads it back through JSON as a host would.
            engine.SetValue("tsDeviceJson", new Func<string, bool>(json => device(JsonDocument.Parse(json).RootElement)));
            engine.Execute($"function {ElsaConditionScript.DeviceFunction}(c) {{ return tsDeviceJson(JSON.stringify(c)); }}");
        }

        return engine.Evaluate(script).AsBoolean();
    }

    private static Gen<Dictionary<string, string>> VariablesGen() =>
        Gen.Select(Gen.Int[0, Values.Length], Gen.Int[0, Values.Length], Gen.Int[0, Values.Length]).Select((a, b, c) =>
        {
            var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            int[] picks = [a, b, c];
            for (var i = 0; i < Names.Length; i++)
            {
                if (picks[i] < Values.Length)
                {
                    variables[Names[i]] = Values[picks[i]];
                }
            }

            return variables;
        });

    private static Gen<Condition> ConditionGen(int depth)
    {
        var variable = Gen.Select(Gen.Int[0, Names.Length - 1], Gen.Enum<ConditionOperator>(), Gen.Int[0, Values.Length - 1])
            .Select(Condition (name, op, value) => new VariableCondition { Variable = Names[name].ToLowerInvariant(), Operator = op, Value = Values[value] });
        if (depth == 0)
        {
            return variable;
        }

        var statement = Gen.Select(Gen.Enum<IfKind>(), ConditionGen(depth - 1).Array[0, 3])
            .Select(Condition (kind, children) => new IfStatement { Kind = kind, Conditions = children });
        return Gen.Frequency((2, variable), (1, statement));
    }
}
