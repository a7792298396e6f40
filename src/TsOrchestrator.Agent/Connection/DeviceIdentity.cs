namespace TsOrchestrator.Agent.Connection;

/// <summary>The device's id and key, given by the server at registration and kept in the state folder.</summary>
internal sealed record DeviceIdentity
{
    public required string DeviceId { get; init; }
    public required string DeviceKey { get; init; }
    public required string Server { get; init; }
}
