namespace TsOrchestrator.Contracts.Deployments;

/// <summary>Over a deployment's targeted devices (its collection's members and every device with a run of it), how many are held back by each reason.</summary>
public sealed record DeploymentWhySummary
{
    public required string DeploymentId { get; init; }

    public required int Targeted { get; init; }

    /// <summary>One entry per deciding reason (or <see cref="WhyNotCodes.StartsAtNextCheckIn"/>), most devices first.</summary>
    public required IReadOnlyList<WhyNotCount> Reasons { get; init; }
}
