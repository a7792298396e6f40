using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Server.Exchange;

/// <summary>A package file carried in <c>&lt;export&gt;_files/PACKAGE/path</c>.</summary>
public sealed record ExportContentFile(string PackageId, ContentFile File)
{
    public string RelativePath => $"{PackageId}/{File.Path}";
}
