using TsOrchestrator.Contracts.Runs;

namespace TsOrchestrator.Server.ScaleOut;

/// <summary>
/// One change another node must hear of, as it travels in a NOTIFY payload (see <see cref="SiteMessageCodec"/>).
/// Exactly one of <see cref="Run"/>, <see cref="RunReference"/>, <see cref="Notify"/> or <see cref="ForgetDevice"/> is set.
/// </summary>
public sealed record SiteMessage
{
    /// <summary>The node that sent it: a node skips its own.</summary>
    public string Node { get; init; } = "";

    /// <summary>Numbered per node: PostgreSQL folds identical payloads sent in one transaction into one.</summary>
    public long Number { get; init; }

    /// <summary>A run event small enough to travel whole.</summary>
    public RunEventMessage? Run { get; init; }

    /// <summary>A run event too large to travel: the receiver reads it from the store.</summary>
    public RunEventReference? RunReference { get; init; }

    /// <summary>Devices to tell "check in now".</summary>
    public DeviceNotice? Notify { get; init; }

    /// <summary>A device blocked: its remembered key is forgotten on every node.</summary>
    public string? ForgetDevice { get; init; }

    public static SiteMessage ForRun(RunEventMessage run) => new() { Run = run };

    public static SiteMessage ForNotice(IReadOnlyList<string> devices, string reason, string? runId) =>
        new() { Notify = new DeviceNotice { Devices = devices, Reason = reason, RunId = runId } };

    public static SiteMessage ForForget(string deviceId) => new() { ForgetDevice = deviceId };
}
