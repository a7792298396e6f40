using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>Run Command Line: the command line through the platform's shell (<c>/bin/sh -c</c>, <c>cmd.exe /c</c>).</summary>
internal sealed class RunCommandLineHandler : IStepHandler
{
    public string TypeId => StepTypeIds.RunCommandLine;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        StepRequirements.RunsAsAgentUser(context);
        StepRequirements.NoPackage(context);
        var commandLine = context.Setting("CommandLine");
        if (commandLine.Length == 0)
        {
            throw new StepFailedException("the step has no command line");
        }

        context.Log.Line($"> {commandLine}");
        var outcome = await ProcessRunner.RunCommandLineAsync(commandLine, context, workingDirectory: null, cancellationToken);
        return ProcessRunner.ToResult(outcome, context);
    }
}
