namespace TsOrchestrator.Designer.Monitoring;

/// <summary>One variable of a step's before/after comparison: <c>Added</c>, <c>Changed</c>, <c>Removed</c> or <c>Unchanged</c>.</summary>
public sealed record VariableDiffRow(string Name, string Change, string? Before, string? After);
