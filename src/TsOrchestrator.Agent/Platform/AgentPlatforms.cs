using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Capabilities;

namespace TsOrchestrator.Agent.Platform;

/// <summary>The platform this agent runs on, and what it reports it can run there.</summary>
internal static class AgentPlatforms
{
    /// <summary>Fixed by the OS the process runs on, so one instance serves the whole process.</summary>
    public static IAgentPlatform Current { get; } = OperatingSystem.IsWindows() ? new WindowsAgentPlatform() : new LinuxAgentPlatform();

    /// <summary>
    /// The capabilities an agent with this registry reports: its handlers' step types, plus Restart Computer, which the
    /// agent runs through the platform's restart rather than a handler. Read from the registry the agent runs with, not
    /// from a list of its own, so the report cannot claim what the agent lacks.
    /// </summary>
    public static AgentCapabilities Capabilities(IAgentPlatform platform, AgentEnvironment environment, StepHandlerRegistry handlers)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(handlers);
        return new AgentCapabilities
        {
            Platform = platform.Name,
            Environment = AgentEnvironments.Name(environment),
            StepTypes = [.. handlers.StepTypes.Append(Domain.Catalog.StepTypeIds.RestartComputer).Order(StringComparer.Ordinal)],
            ConditionKinds = [.. platform.ConditionKinds.Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>The same capabilities as the profile the messages of refusals are worded by.</summary>
    public static CapabilityProfile Profile(AgentCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        return new CapabilityProfile("reported", capabilities.Platform,
            AgentEnvironments.Parse(capabilities.Environment) ?? AgentEnvironment.FullOs, capabilities.StepTypes, capabilities.ConditionKinds);
    }
}
