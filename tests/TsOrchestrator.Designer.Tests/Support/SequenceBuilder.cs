using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Designer.Tests.Support;

/// <summary>Small builders for the sequences the tests arrange through the API.</summary>
public static class SequenceBuilder
{
    public static StepNode Command(string name, string commandLine) =>
        new() { Name = name, Type = "RunCommandLine", Settings = new Dictionary<string, string> { ["CommandLine"] = commandLine } };

    public static TaskSequence With(string name, params TaskSequenceNode[] nodes) => new() { Id = "", Name = name, Nodes = nodes };

    /// <summary><paramref name="groups"/> groups of <paramref name="stepsPerGroup"/> command steps each.</summary>
    public static TaskSequence Large(string name, int groups, int stepsPerGroup) => With(name, [.. Enumerable.Range(1, groups).Select(g => new GroupNode
    {
        Name = $"Group {g}",
        Children = [.. Enumerable.Range(1, stepsPerGroup).Select(s => Command($"Step {g}.{s}", $"cmd /c echo {g}.{s}"))],
    })]);

    public static string UniqueName(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";
}
