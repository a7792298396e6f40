using System.Text;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Engine.Elsa;
using TsOrchestrator.Engine.Tests.Support;
using static TsOrchestrator.Engine.Tests.Elsa.ElsaJson;

namespace TsOrchestrator.Engine.Tests.Elsa;

public sealed class ElsaExportSecretTests
{
    private const string DomainPassword = "Dom-P4ss!word";
    private const string RunAsPassword = "RunAs-Secret-77";
    private const string DynamicSecret = "Dyn-Join-Secret-42";
    private const string HiddenValue = "Hidden-Value-9";

    private static TaskSequence WithSecrets() => SequenceBuilder.Sequence(s => s
        .Step("Join", st => st with
        {
            Settings = new Dictionary<string, string>
            {
                ["Type"] = "1", ["DomainName"] = "corp.example", ["DomainUsername"] = "CORP\\joiner", ["DomainPassword"] = DomainPassword,
            },
        }, StepTypeIds.JoinDomainOrWorkgroup)
        .Group("Tools", g => g.Step("As service account", st => st with
        {
            Settings = new Dictionary<string, string> { ["CommandLine"] = "setup.exe", ["UserName"] = "CORP\\svc", ["UserPassword"] = RunAsPassword },
        }))
        .Step("Rules", st => st with
        {
            Settings = new Dictionary<string, string>
            {
                ["Rules"] = $$"""[{"when":{"Model":"Virtual*"},"set":{"Role":"vm","JoinPassword":"{{DynamicSecret}}"},"secret":["JoinPassword"]}]""",
            },
        }, StepTypeIds.SetDynamicVariables)
        .SetVariable("Hidden", "LocalAdmin", HiddenValue, st => st with
        {
            Settings = new Dictionary<string, string>(st.Settings) { ["DoNotShowVariableValue"] = "true" },
        }));

    [Fact]
    public void Secret_settings_are_absent_from_every_byte_and_named_as_omitted()
    {
        var bytes = ElsaWorkflowExporter.ExportToUtf8(WithSecrets());
        var text = Encoding.UTF8.GetString(bytes);

        text.ShouldNotContain(DomainPassword);
        text.ShouldNotContain(RunAsPassword);
        var document = System.Text.Json.JsonDocument.Parse(bytes).RootElement;
        var join = ByPath(document, "0");
        join.TryGetProperty("domainPassword", out _).ShouldBeFalse();
        Input(join, "domainUsername").ShouldBe("CORP\\joiner");
        join.GetProperty("customProperties").GetProperty("TsOrchestrator:OmittedSecrets").EnumerateArray().Select(e => e.GetString()).ShouldBe(["DomainPassword"]);
        var runAs = ByPath(document, "1/0");
        runAs.TryGetProperty("userPassword", out _).ShouldBeFalse();
        runAs.GetProperty("customProperties").GetProperty("TsOrchestrator:OmittedSecrets").EnumerateArray().Select(e => e.GetString()).ShouldBe(["UserPassword"]);
    }

    [Fact]
    public void Secret_values_of_dynamic_variable_rules_and_hidden_variable_values_are_masked()
    {
        var bytes = ElsaWorkflowExporter.ExportToUtf8(WithSecrets());
        var text = Encoding.UTF8.GetString(bytes);

        text.ShouldNotContain(DynamicSecret);
        text.ShouldNotContain(HiddenValue);
        var document = System.Text.Json.JsonDocument.Parse(bytes).RootElement;
        var rules = ByPath(document, "2");
        var rulesValue = Input(rules, "rules")!;
        rulesValue.ShouldContain("\"Role\":\"vm\"");
        rulesValue.ShouldContain(ElsaSecretValues.Mask);
        rules.GetProperty("customProperties").GetProperty("TsOrchestrator:MaskedSecrets").EnumerateArray().Select(e => e.GetString()).ShouldBe(["Rules: JoinPassword"]);
        var hidden = ByPath(document, "3");
        Input(hidden, "variableValue").ShouldBe(ElsaSecretValues.Mask);
        Input(hidden, "variableName").ShouldBe("LocalAdmin");
    }
}
