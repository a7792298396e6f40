namespace TsOrchestrator.Content;

/// <summary>
/// A distribution point host (TsOrchestrator.DistributionPoint, section <c>DistributionPoint</c>): the key
/// the site server copies content with, and the site server it asks whether a device key is valid.
/// </summary>
public sealed class DistributionPointOptions
{
    public const string Section = "DistributionPoint";

    /// <summary>Shared with the site server when the DP is registered there; at least 16 characters.</summary>
    public string AccessKey { get; set; } = "";

    /// <summary>Base URL of the site server, e.g. <c>https://site.example:5001</c>.</summary>
    public string? SiteServerUrl { get; set; }

    /// <summary>
    /// Most bytes of one content file or prestaged file the site server or an operator sends (8 GiB: an OS image): refused
    /// by its declared length before anything is written, or counted while it arrives.
    /// </summary>
    public long MaxUploadBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>How long a device key the site server accepted is trusted without asking again.</summary>
    public int DeviceKeyCacheSeconds { get; set; } = 300;
}
