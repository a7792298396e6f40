namespace TsOrchestrator.Domain.Validation;

/// <summary>An enabled step that makes its sequence high-impact.</summary>
/// <param name="Path">The step's node path.</param>
/// <param name="Name">The step's name.</param>
/// <param name="Type">The step's catalog type id.</param>
public sealed record HighImpactStep(string Path, string Name, string Type);
