using TsOrchestrator.Agent.Journal;
using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Setup Operating System, the Linux meaning of Configuration Manager's Setup Windows and ConfigMgr: the applied
/// system gets GRUB (BIOS or UEFI: the step's BootFirmware, else what the device booted with) and its fstab (by UUID),
/// then the agent, installed there as a service with the device's identity and the run's journal. The journal there
/// says this step finished, and from here on the running agent mirrors its journal into it, so the restart the step
/// asks for (as Configuration Manager's step restarts into the new system) is the one the new system's agent reports,
/// and the run goes on there with the next step. The service is installed last: power lost before it leaves a system
/// with no agent to start, never an agent that would run this step again without its journal.
/// </summary>
internal sealed class SetupOperatingSystemHandler(Func<string?>? agentBinary = null, TimeProvider? clock = null) : IStepHandler
{
    private const string Step = "Setup Operating System";
    private readonly Func<string?> _agentBinary = agentBinary ?? (() => Environment.ProcessPath);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string TypeId => StepTypeIds.SetupOperatingSystem;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var firmware = context.Setting("BootFirmware") is { Length: > 0 } chosen ? chosen : "Auto";
        var uefi = firmware.ToUpperInvariant() switch
        {
            "AUTO" => Directory.Exists("/sys/firmware/efi"),
            "UEFI" => true,
            "BIOS" => false,
            _ => throw new StepFailedException($"the boot firmware (BootFirmware) is '{firmware}': give Auto, BIOS or UEFI"),
        };
        var binary = AgentBinary(context);
        var root = await TargetSystemRoot.RequireAsync(context, Step, cancellationToken);

        // The boot loader checks that the target is a mounted partition before it writes anything.
        var boot = await BootLoaderInstaller.InstallAsync(root, uefi, context.Setting("KernelArguments").Trim(), context.WorkDirectory, context.Log, cancellationToken);
        var fstab = await FstabWriter.WriteAsync(root, boot.UnmountedEspUuid, context.Log, cancellationToken);
        context.Log.Line($"/etc/fstab written: {string.Join("; ", fstab)}");

        var result = new WorkItemResult
        {
            ExitCode = 0,
            Variables = new Dictionary<string, string> { ["SMSTSRebootRequested"] = "true" },
            Message = "the applied system boots on its own; the run goes on there after the restart",
        };
        var item = context.WorkItem;
        var finished = new CheckpointRecord { RunId = context.RunId, WorkItemId = item.Id, Path = item.Path, Attempt = item.Attempt, State = CheckpointState.Finished, Result = result };
        var state = AgentInstaller.Install(root, binary, context, finished, _clock);
        context.Journal?.MirrorTo(state);
        return result;
    }

    /// <summary>
    /// The agent to install: the client package's <c>tsorch-agent</c> when the step names one downloaded earlier, else
    /// the running agent itself (the Native AOT single file of the boot image). An agent run by dotnet is no single file.
    /// </summary>
    private string AgentBinary(StepContext context)
    {
        if (context.Setting("ClientPackageID").Trim() is { Length: > 0 } package &&
            context.Variables.TryGetValue(ApplyOperatingSystemImageHandler.PackagePathPrefix + package, out var folder) &&
            Path.Combine(folder, "tsorch-agent") is var packaged && File.Exists(packaged))
        {
            context.Log.Line($"the agent comes from the client package {package}: {packaged}");
            return packaged;
        }

        var binary = _agentBinary();
        if (binary is null || !File.Exists(binary) || Path.GetFileNameWithoutExtension(binary) is "dotnet" or "testhost")
        {
            throw new StepFailedException(
                $"the running agent ({binary ?? "unknown"}) is not a single-file binary that can be installed into the applied system: run the Native AOT agent, or name a client package (ClientPackageID) holding tsorch-agent");
        }

        return binary;
    }
}
