namespace TsOrchestrator.Server.ScaleOut;

/// <summary>"Check in now" for <see cref="Devices"/>, as <c>IDeviceNotificationHub.Notify</c> takes it.</summary>
public sealed record DeviceNotice
{
    public required IReadOnlyList<string> Devices { get; init; }

    public required string Reason { get; init; }

    public string? RunId { get; init; }
}
