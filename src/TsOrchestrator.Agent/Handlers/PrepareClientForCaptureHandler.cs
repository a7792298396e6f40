using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Prepare ConfigMgr Client for Capture, in its Linux meaning: the agent installed in the applied system (by Setup
/// Operating System) loses its device identity (device.json: the device id and its key) and run state, so a machine
/// deployed from the image registers as a new device instead of posing as the reference machine. The agent binary,
/// service and server address stay. Like Prepare Windows for Capture it works on the applied system, not the running one.
/// </summary>
internal sealed class PrepareClientForCaptureHandler : IStepHandler
{
    private const string Step = "Prepare ConfigMgr Client for Capture";

    public string TypeId => StepTypeIds.PrepareConfigMgrClientForCapture;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var root = await TargetSystemRoot.RequireAsync(context, Step, cancellationToken);
        if (!TargetPath.Exists(root, AgentInstaller.BinaryPath))
        {
            context.Log.Line($"the applied system {root} has no agent ({AgentInstaller.BinaryPath}): a machine deployed from its image gets one from Setup Operating System");
        }

        var removed = SystemGeneralization.RemoveAgentIdentity(root);
        context.Log.Line(removed.Count == 0
            ? $"the agent in {root} has no identity or run state ({AgentInstaller.StatePath} is empty or absent)"
            : $"removed from {root}: {string.Join(", ", removed)}");
        return new WorkItemResult { ExitCode = 0 };
    }
}
