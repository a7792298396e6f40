namespace TsOrchestrator.Server.ScaleOut;

/// <summary>
/// Tells the site's other nodes what this node changed, after the change is committed: run events, "check in now" for
/// devices, device keys to forget. Best effort and notification only, as the live paths it feeds: the store stays the
/// record. On one node (SQLite) there is nobody to tell.
/// </summary>
public interface ISiteBus
{
    void Send(SiteMessage message);
}
