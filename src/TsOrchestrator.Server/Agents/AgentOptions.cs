using System.ComponentModel.DataAnnotations;

namespace TsOrchestrator.Server.Agents;

/// <summary>Agent enrollment (section <c>Agents</c>).</summary>
public sealed class AgentOptions
{
    public const string Section = "Agents";

    /// <summary>The site's enrollment token; agents present it once, at registration. Empty disables registration.</summary>
    public string EnrollmentToken { get; set; } = "";

    /// <summary>How long a poll for the next work item waits for one before answering without.</summary>
    [Range(0, 120)]
    public int LongPollSeconds { get; set; } = 20;
}
