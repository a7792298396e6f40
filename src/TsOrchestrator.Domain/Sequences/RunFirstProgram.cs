namespace TsOrchestrator.Domain.Sequences;

/// <summary>"Run another program first": a package's program that must succeed once per device.</summary>
public sealed record RunFirstProgram
{
    public required string PackageId { get; init; }
    public required string ProgramName { get; init; }
}
