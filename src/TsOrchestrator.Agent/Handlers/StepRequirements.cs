using TsOrchestrator.Agent.Facts;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>Settings the agent cannot honour on this platform fail the step by name instead of being ignored.</summary>
internal static class StepRequirements
{
    public static void RunsAsAgentUser(StepContext context)
    {
        if (context.Flag("RunAsUser"))
        {
            throw new StepFailedException($"running a step as another account is not supported on {DeviceFactsReader.OsPlatform}: the agent runs steps as its own user");
        }
    }

    public static void NoPackage(StepContext context)
    {
        if (context.Setting("PackageID") is { Length: > 0 } package)
        {
            throw new StepFailedException($"the step runs from package {package}: use a Download Package Content step first and run from its path variable");
        }
    }
}
