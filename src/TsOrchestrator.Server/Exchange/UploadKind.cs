namespace TsOrchestrator.Server.Exchange;

/// <summary>What an upload turned out to be.</summary>
public enum UploadKind
{
    Zip,
    Bundle,
    Xml,
}
