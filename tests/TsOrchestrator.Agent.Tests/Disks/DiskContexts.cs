using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.Tests.Disks;

/// <summary>Step contexts whose agent may use exactly the test's loop disks, mounting under the test's own folder.</summary>
internal static class DiskContexts
{
    public static StepContext OnDisks(this StepContext context, params LoopDisk[] disks) => new()
    {
        RunId = context.RunId,
        WorkItem = context.WorkItem,
        Settings = context.Settings,
        Variables = context.Variables,
        Log = context.Log,
        Options = context.Options with { Disks = [.. disks.Select(d => d.Device)], MountRoot = disks[0].MountRoot, InBootMedia = true },
        WorkDirectory = context.WorkDirectory,
    };
}
