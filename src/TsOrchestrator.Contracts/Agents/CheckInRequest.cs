namespace TsOrchestrator.Contracts.Agents;

/// <summary>A periodic check-in with the device's current facts.</summary>
public sealed record CheckInRequest
{
    public required DeviceFacts Facts { get; init; }
}
