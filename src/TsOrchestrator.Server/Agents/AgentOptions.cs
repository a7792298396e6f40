using System.ComponentModel.DataAnnotations;

namespace TsOrchestrator.Server.Agents;

/// <summary>Agent enrollment (section <c>Agents</c>).</summary>
public sealed class AgentOptions
{
    public const string Section = "Agents";

    /// <summary>The site's enrollment token; agents present it once, at registration. Empty disables registration.</summary>
    public string EnrollmentToken { get; set; } = "";

    /// <summary>
    /// Configuration Manager's unknown computer support: a machine without a device record that booted the site's boot
    /// image may register without the enrollment token. Off by default: anyone who reaches the server could then
    /// become a device (one that sees only deployments to unknown computers made available to media and PXE).
    /// </summary>
    public bool UnknownComputerSupport { get; set; }

    /// <summary>How long a poll for the next work item waits for one before answering without.</summary>
    [Range(0, 120)]
    public int LongPollSeconds { get; set; } = 20;

    /// <summary>
    /// The longest a device's fast channel (<c>GET /agent/v1/notifications</c>) is held before it is answered empty and
    /// the agent asks again; under the idle time-out of proxies in between (often 60 s).
    /// </summary>
    [Range(1, 600)]
    public int NotificationWaitSeconds { get; set; } = 50;

    /// <summary>
    /// Agent calls served at once (long polls aside); the rest wait their turn, oldest first. A fleet calling in
    /// together then queues in one place instead of in the thread pool, the connection pool and SQLite, and the
    /// server holds that many store connections, not one per waiting device.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConcurrentCalls { get; set; } = 64;

    /// <summary>Agent calls that may wait for a turn; beyond it a call is answered 503 with Retry-After, and the agent retries.</summary>
    [Range(0, 1_000_000)]
    public int MaxQueuedCalls { get; set; } = 20_000;
}
