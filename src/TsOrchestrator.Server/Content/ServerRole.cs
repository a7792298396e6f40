namespace TsOrchestrator.Server.Content;

/// <summary>What this server process is: the site server, or a distribution point serving content only.</summary>
public enum ServerRole
{
    SiteServer,
    DistributionPoint,
}
