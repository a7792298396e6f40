namespace TsOrchestrator.Server.ScaleOut;

/// <summary>This process among the site's nodes: a fresh id per start, so that a node knows its own messages.</summary>
public sealed class SiteNode
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
