using TsOrchestrator.Contracts.Agents;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>Runs one step type on this device.</summary>
internal interface IStepHandler
{
    /// <summary>The step catalog's type id (<c>RunCommandLine</c>, ...).</summary>
    string TypeId { get; }

    /// <summary>
    /// Runs the step. The exit code decides success against the step's success codes on the server; a handler sets
    /// <see cref="WorkItemResult.Succeeded"/> to false only when the step failed whatever the code (it could not start).
    /// </summary>
    Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken);
}
