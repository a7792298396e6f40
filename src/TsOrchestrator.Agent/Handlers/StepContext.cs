using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>What a step handler is given: the work item, its settings with every variable expanded, and its log.</summary>
internal sealed class StepContext
{
    public required string RunId { get; init; }
    public required AgentWorkItem WorkItem { get; init; }

    /// <summary>The step's settings, variables expanded (secret ones too: that happens only here, on the device).</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>The run's variables as the step sees them.</summary>
    public required IReadOnlyDictionary<string, string> Variables { get; init; }

    public required StepLog Log { get; init; }

    /// <summary>The agent's checkpoint journal (Setup Operating System mirrors it into the applied system).</summary>
    public Journal.CheckpointJournal? Journal { get; init; }
    public required AgentOptions Options { get; init; }

    /// <summary>A folder of its own for the step's temporary files (scripts), emptied when the step ends.</summary>
    public required string WorkDirectory { get; init; }

    public string Setting(string name) => Settings.TryGetValue(name, out var value) ? value : "";

    public bool Flag(string name) => Settings.TryGetValue(name, out var value) && bool.TryParse(value, out var flag) && flag;

    /// <summary>The step's time-out, if it has one.</summary>
    public TimeSpan? Timeout => WorkItem.TimeoutMinutes is { } minutes and > 0 ? TimeSpan.FromMinutes(minutes) : null;
}
