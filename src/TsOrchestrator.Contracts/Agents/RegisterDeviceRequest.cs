namespace TsOrchestrator.Contracts.Agents;

/// <summary>First contact of an agent: the site's enrollment token and the device's facts.</summary>
public sealed record RegisterDeviceRequest
{
    public required string EnrollmentToken { get; init; }
    public required DeviceFacts Facts { get; init; }
}
