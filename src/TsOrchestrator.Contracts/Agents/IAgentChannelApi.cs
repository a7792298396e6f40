using Refit;

namespace TsOrchestrator.Contracts.Agents;

/// <summary>
/// The fast channel: one long poll the agent keeps open so the server can say "check in now" within a moment, instead
/// of the device finding out at its next interval check-in. Apart from <see cref="IAgentApi"/> because its call is held
/// far longer than any other, so its time-outs differ. A server without it answers 404: the agent then checks in on its
/// interval only.
/// </summary>
public interface IAgentChannelApi
{
    /// <summary>Answers at once when something is pending for the device, else after <paramref name="wait"/> seconds (capped by the server) with an empty notification.</summary>
    [Get("/agent/v1/notifications")]
    Task<AgentNotification> WaitForNotificationAsync(int wait, CancellationToken cancellationToken = default);
}
