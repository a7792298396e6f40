using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>Run Shell Script: the inline script, saved to the step's folder and run by its shell with its arguments.</summary>
internal sealed class RunShellScriptHandler : IStepHandler
{
    public string TypeId => StepTypeIds.RunShellScript;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        StepRequirements.NoPackage(context);
        var script = Path.Combine(context.WorkDirectory, "script.sh");
        await File.WriteAllTextAsync(script, context.Setting("Script").ReplaceLineEndings("\n"), cancellationToken);
        var shell = context.Setting("Shell") is { Length: > 0 } configured ? configured : "/bin/sh";
        var arguments = CommandLineSplitter.Split(context.Setting("Arguments"));
        context.Log.Line($"> {shell} {script} {context.Setting("Arguments")}".TrimEnd());
        var outcome = await ProcessRunner.RunAsync(shell, [script, .. arguments], context, cancellationToken);
        return ProcessRunner.ToResult(outcome, context);
    }
}
