namespace TsOrchestrator.Server.Tests.Exchange;

/// <summary>The source site's ids.</summary>
internal sealed record SourceSite(string ParentId, string ChildId, IReadOnlyList<string> PackageIds, string ToolsId, string ApplicationId);
