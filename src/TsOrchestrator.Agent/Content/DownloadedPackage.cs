using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Agent.Content;

/// <summary>A package version on the device: what the server said of it and the folder holding its files.</summary>
internal sealed record DownloadedPackage(ContentLocation Location, string Folder);
