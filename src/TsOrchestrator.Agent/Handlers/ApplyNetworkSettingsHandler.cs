using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Apply Network Settings, written into the applied system: each adapter (Adapters, or Configuration Manager's
/// OSDAdapter variables) as a systemd-networkd .network file and, when the image has ifupdown, an interfaces stanza;
/// DHCP on every wired adapter when none is given. A workgroup has no meaning on Linux (noted); a domain join is
/// refused before anything is written (see <see cref="DomainMembership"/>).
/// </summary>
internal sealed class ApplyNetworkSettingsHandler : IStepHandler
{
    private const string Step = "Apply Network Settings";

    public string TypeId => StepTypeIds.ApplyNetworkSettings;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var adapters = NetworkAdapterSettings.Read(context);
        DomainMembership.RefuseDomainJoin(context, Step);
        var root = await TargetSystemRoot.RequireAsync(context, Step, cancellationToken);
        NetworkConfigWriter.Check(root, adapters);
        var written = NetworkConfigWriter.Write(root, adapters);
        context.Log.Line($"{(adapters.Count == 0 ? "DHCP on every wired adapter" : $"{adapters.Count} adapter(s)")}: {string.Join(", ", written)} written");
        DomainMembership.NoteWorkgroup(context);
        return new WorkItemResult { ExitCode = 0 };
    }
}
