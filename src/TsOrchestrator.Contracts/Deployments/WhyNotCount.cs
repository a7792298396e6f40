namespace TsOrchestrator.Contracts.Deployments;

/// <summary>How many of a deployment's devices are held back by one reason (their deciding one), with one device's detail as the example.</summary>
public sealed record WhyNotCount
{
    public required string Code { get; init; }

    public required int Devices { get; init; }

    public required string Example { get; init; }

    /// <summary>The first devices (by id) with this reason, at most 20.</summary>
    public required IReadOnlyList<string> DeviceIds { get; init; }
}
