using System.ComponentModel.DataAnnotations;

namespace TsOrchestrator.Content.Uploads;

/// <summary>
/// Section <c>Uploads</c>: the most a request body may carry where a route sets no limit of its own (JSON bodies). Routes
/// that take files have their own: <c>Exchange:MaxUploadBytes</c> (imports), <c>DistributionPoint:MaxUploadBytes</c>
/// (content and prestaged files at a DP); a task sequence save is bounded by the stored size limit.
/// </summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Most bytes of a request body on a route without a limit of its own (8 MiB; Kestrel's default is 30 MB).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 8L * 1024 * 1024;
}
