namespace TsOrchestrator.Designer.Editing;

/// <summary>A validation message on one field of a node (<c>settings.CommandLine</c>, <c>condition.conditions[0].variable</c>).</summary>
public sealed record NodeProblem(string Field, string Message, bool IsError, bool FromServer);
