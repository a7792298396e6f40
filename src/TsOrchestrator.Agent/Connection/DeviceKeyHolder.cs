namespace TsOrchestrator.Agent.Connection;

/// <summary>The device key, once there is one: registration happens through the same client that later carries the key.</summary>
internal sealed class DeviceKeyHolder
{
    public string? Value { get; set; }
}
