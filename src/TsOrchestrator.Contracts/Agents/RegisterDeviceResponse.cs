namespace TsOrchestrator.Contracts.Agents;

/// <summary>The device's id and its own key: every later agent call presents the key.</summary>
public sealed record RegisterDeviceResponse
{
    public required string DeviceId { get; init; }
    public required string DeviceKey { get; init; }
}
