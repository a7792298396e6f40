using System.Text.Json;
using TsOrchestrator.Agent.Facts;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>Set Dynamic Variables: variables from rules over the device's hardware facts (make, model, serial, MAC...).</summary>
internal sealed class SetDynamicVariablesHandler : IStepHandler
{
    public string TypeId => StepTypeIds.SetDynamicVariables;

    public Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        List<DynamicVariableRule> rules;
        try
        {
            rules = JsonSerializer.Deserialize(context.Setting("Rules"), AgentJsonContext.Default.ListDynamicVariableRule) ?? [];
        }
        catch (JsonException ex)
        {
            throw new StepFailedException($"the Rules setting is not a JSON array of rules: {ex.Message}");
        }

        var facts = DeviceFactsReader.Hardware();
        var set = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var when = rule.When ?? [];
            if (!when.All(condition => Matches(facts, condition.Key, condition.Value)))
            {
                context.Log.Line($"rule {i + 1} ({Describe(when)}) does not match");
                continue;
            }

            var secret = new HashSet<string>(rule.Secret ?? [], StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in rule.Set ?? [])
            {
                set[name] = value;
                context.Log.Line($"rule {i + 1} ({Describe(when)}): {name} = {(secret.Contains(name) ? "(secret)" : value)}");
            }
        }

        return Task.FromResult(new WorkItemResult { ExitCode = 0, Variables = set });
    }

    private static bool Matches(IReadOnlyDictionary<string, string> facts, string fact, string pattern) =>
        facts.TryGetValue(fact, out var value) &&
        value.Split(',').Any(one => System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(pattern, one, ignoreCase: true));

    private static string Describe(Dictionary<string, string> when) =>
        when.Count == 0 ? "default" : string.Join(", ", when.Select(c => $"{c.Key}={c.Value}"));
}
