namespace TsOrchestrator.Agent.Content;

/// <summary>A package the run needs is on no distribution point this device can use (yet): the boot wizard offers to look again.</summary>
internal sealed class ContentNotAvailableException(string packageId, string message) : Exception(message)
{
    public string PackageId { get; } = packageId;
}
