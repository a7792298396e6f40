namespace TsOrchestrator.Server.ScaleOut;

/// <summary>A site of one node: nothing to fan out.</summary>
internal sealed class NoSiteBus : ISiteBus
{
    public void Send(SiteMessage message)
    {
    }
}
