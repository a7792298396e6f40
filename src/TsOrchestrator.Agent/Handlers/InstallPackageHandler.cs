using TsOrchestrator.Agent.Content;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>Install Package: a program of a package, run from the package's downloaded folder through the shell.</summary>
internal sealed class InstallPackageHandler(ContentDownloader content) : IStepHandler
{
    public string TypeId => StepTypeIds.InstallPackage;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Setting("BaseVariableName").Length > 0)
        {
            throw new StepFailedException("installing a dynamic list of packages (base variable name) is not supported by this agent: list the package in the step");
        }

        var packageId = context.Setting("PackageID");
        var programName = context.Setting("ProgramName");
        var package = await content.DownloadAsync(packageId, context.Log.Line, cancellationToken);
        var program = package.Location.Programs.FirstOrDefault(p => p.Name.Equals(programName, StringComparison.OrdinalIgnoreCase))
            ?? throw new StepFailedException($"package {packageId} has no program '{programName}' (it has: {string.Join(", ", package.Location.Programs.Select(p => p.Name))})");
        context.Log.Line($"> {program.CommandLine}   (in {package.Folder})");
        var outcome = await ProcessRunner.RunCommandLineAsync(program.CommandLine, context, package.Folder, cancellationToken);
        return ProcessRunner.ToResult(outcome, context);
    }
}
