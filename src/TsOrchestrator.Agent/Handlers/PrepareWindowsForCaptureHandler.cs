using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Prepare Windows for Capture, in its Linux meaning (Sysprep's generalize): the applied system is made an image
/// rather than one machine (see <see cref="SystemGeneralization"/>). It works on the applied system
/// (OSDTargetSystemDrive, or the agent's target root), never on the running one, so the Linux templates run it from
/// the boot image after the restart out of the reference system: the running agent keeps its own identity to finish
/// the run. Sysprep's mass-storage driver list and activation flag have no meaning on Linux and are noted.
/// </summary>
internal sealed class PrepareWindowsForCaptureHandler : IStepHandler
{
    private const string Step = "Prepare Windows for Capture";

    public string TypeId => StepTypeIds.PrepareWindowsForCapture;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var root = await TargetSystemRoot.RequireAsync(context, Step, cancellationToken);
        if (!TargetPath.Exists(root, "/etc"))
        {
            throw new StepFailedException($"{Step}: the applied system {root} has no /etc: is an operating system applied there?");
        }

        foreach (var (part, removed) in new (string, IReadOnlyList<string>)[]
                 {
                     ("machine id", SystemGeneralization.ResetMachineId(root)),
                     ("SSH host keys", SystemGeneralization.RemoveSshHostKeys(root)),
                     ("DHCP leases", SystemGeneralization.RemoveDhcpLeases(root)),
                     ("the agent's device identity and run state", SystemGeneralization.RemoveAgentIdentity(root)),
                     ("log contents", SystemGeneralization.EmptyLogs(root)),
                 })
        {
            context.Log.Line(removed.Count == 0 ? $"{part}: nothing to remove" : $"{part}: {string.Join(", ", removed)}");
        }

        foreach (var flag in new[] { "BuildMassStorageDriverList", "KeepActivation" })
        {
            if (context.Flag(flag))
            {
                context.Log.Line($"{flag} is a Sysprep option with no meaning on Linux: ignored");
            }
        }

        context.Log.Line($"{root} is generalized: a machine deployed from its image makes its own machine id and SSH host keys and registers as a new device");
        return new WorkItemResult { ExitCode = 0 };
    }
}
