namespace TsOrchestrator.Contracts.Deployments;

/// <summary>One reason a deployment does not start on a device now: a code from <see cref="WhyNotCodes"/> and what it means there.</summary>
public sealed record WhyNotReason
{
    public required string Code { get; init; }

    public required string Detail { get; init; }
}
