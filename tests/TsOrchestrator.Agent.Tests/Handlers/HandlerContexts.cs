using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.Tests.Handlers;

/// <summary>The sandbox's step contexts with the agent options the image and state steps read.</summary>
internal static class HandlerContexts
{
    public static StepContext WithTargetRoot(this StepContext context, string? targetRoot) => new()
    {
        RunId = context.RunId,
        WorkItem = context.WorkItem,
        Settings = context.Settings,
        Variables = context.Variables,
        Log = context.Log,
        Options = context.Options with { TargetRoot = targetRoot },
        WorkDirectory = context.WorkDirectory,
    };
}
