namespace TsOrchestrator.Contracts.TaskSequences;

/// <summary>One problem of a task sequence as the site validates it: where (node path and field), what, and how bad.</summary>
public sealed record SequenceProblem
{
    /// <summary>The node path (<c>2/0/3</c>), or empty for the sequence's own properties.</summary>
    public required string Path { get; init; }

    /// <summary>The setting or property at fault (<c>settings.ImagePackageID</c>).</summary>
    public required string Field { get; init; }

    public required string Message { get; init; }

    /// <summary><c>Error</c> or <c>Warning</c>.</summary>
    public required string Severity { get; init; }
}
