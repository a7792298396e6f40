using TsOrchestrator.Agent.Facts;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>Run PowerShell Script: the inline script through <c>pwsh</c>, where PowerShell 7 is installed.</summary>
internal sealed class RunPowerShellScriptHandler : IStepHandler
{
    public string TypeId => StepTypeIds.RunPowerShellScript;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        StepRequirements.RunsAsAgentUser(context);
        StepRequirements.NoPackage(context);
        var pwsh = ExecutableSearch.Find(OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh")
            ?? throw new StepFailedException($"Run PowerShell Script needs pwsh (PowerShell 7), which is not installed on this {DeviceFactsReader.OsPlatform} device");
        var script = Path.Combine(context.WorkDirectory, "script.ps1");
        await File.WriteAllTextAsync(script, context.Setting("SourceScript"), cancellationToken);
        List<string> arguments = ["-NoLogo", "-NoProfile", "-NonInteractive"];
        if (OperatingSystem.IsWindows() && context.Setting("ExecutionPolicy") is { Length: > 0 } policy)
        {
            arguments.AddRange(["-ExecutionPolicy", policy]);
        }

        arguments.AddRange(["-File", script, .. CommandLineSplitter.Split(context.Setting("Parameters"))]);
        var outcome = await ProcessRunner.RunAsync(pwsh, arguments, context, cancellationToken);
        return ProcessRunner.ToResult(outcome, context);
    }
}
