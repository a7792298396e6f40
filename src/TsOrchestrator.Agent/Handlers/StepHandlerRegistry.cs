using TsOrchestrator.Agent.Content;
using TsOrchestrator.Agent.Platform;
using TsOrchestrator.Agent.UserState;
using TsOrchestrator.Domain.Capabilities;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>The handlers this agent has, by step type id; any other catalog type fails by name on this platform.</summary>
internal sealed class StepHandlerRegistry
{
    private readonly Dictionary<string, IStepHandler> _handlers;
    private readonly string _where;

    /// <param name="handlers">The handlers.</param>
    /// <param name="where">Platform and environment as refusals name them (<c>linux full-os</c>); by default this platform's full OS.</param>
    public StepHandlerRegistry(IEnumerable<IStepHandler> handlers, string? where = null)
    {
        _handlers = handlers.ToDictionary(h => h.TypeId, StringComparer.OrdinalIgnoreCase);
        _where = where ?? $"{AgentPlatforms.Current.Name} {AgentEnvironments.FullOs}";
    }

    /// <summary>
    /// The handlers of <paramref name="platform"/> in <paramref name="environment"/>: what the agent runs with and reports.
    /// Without <paramref name="content"/> the steps that download content are left out, without
    /// <paramref name="stateMigration"/> the state store requests.
    /// </summary>
    public static StepHandlerRegistry For(IAgentPlatform platform, AgentEnvironment environment, ContentDownloader? content = null, StateMigrationPoint? stateMigration = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return new(platform.StepHandlers(environment, content, stateMigration), $"{platform.Name} {AgentEnvironments.Name(environment)}");
    }

    /// <summary>Every handler this agent has in the full OS (see <see cref="For"/>).</summary>
    public static StepHandlerRegistry Default(ContentDownloader? content = null, StateMigrationPoint? stateMigration = null) =>
        For(AgentPlatforms.Current, AgentEnvironment.FullOs, content, stateMigration);

    /// <summary>The step type ids of the handlers.</summary>
    public IEnumerable<string> StepTypes => _handlers.Keys;

    public IStepHandler Find(string? stepType) =>
        stepType is not null && _handlers.TryGetValue(stepType, out var handler)
            ? handler
            : throw new StepFailedException(CapabilityProfile.RefusalOn(stepType, _where));
}
