namespace TsOrchestrator.Contracts.Exchange;

/// <summary>A secret left out of an export: the import asks for it again.</summary>
public sealed record StrippedSecret
{
    /// <summary>Node path of the step (<c>0/2</c>).</summary>
    public required string Path { get; init; }

    public required string StepName { get; init; }

    /// <summary>The step's field: <c>settings.DomainPassword</c>, or <c>settings.Rules[1].set.JoinPassword</c> for a secret dynamic variable.</summary>
    public required string Field { get; init; }
}
