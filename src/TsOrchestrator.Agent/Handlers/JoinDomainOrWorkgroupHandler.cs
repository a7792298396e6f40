using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Join Domain or Workgroup on Linux: a workgroup has no meaning there (the step notes it and succeeds); joining an
/// Active Directory domain is refused with the reason, never reported as done.
/// </summary>
internal sealed class JoinDomainOrWorkgroupHandler : IStepHandler
{
    public string TypeId => StepTypeIds.JoinDomainOrWorkgroup;

    public Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        DomainMembership.RefuseDomainJoin(context, "Join Domain or Workgroup");
        DomainMembership.NoteWorkgroup(context);
        return Task.FromResult(new WorkItemResult { ExitCode = 0 });
    }
}
