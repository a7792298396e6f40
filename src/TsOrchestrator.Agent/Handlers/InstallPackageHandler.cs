using TsOrchestrator.Agent.Content;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Install Package: a program of a package, run from the package's downloaded folder through the shell. With a base
/// variable name it installs Configuration Manager's dynamic list instead: <c>&lt;Base&gt;001</c>, <c>&lt;Base&gt;002</c>,
/// … up to the first number that is not set, each <c>PACKAGEID:Program name</c>.
/// </summary>
internal sealed class InstallPackageHandler(ContentDownloader content) : IStepHandler
{
    private const int RestartRequested = 3010;

    public string TypeId => StepTypeIds.InstallPackage;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken) =>
        context.Setting("BaseVariableName") is { Length: > 0 } baseName
            ? await InstallListAsync(baseName, context, cancellationToken)
            : ProcessRunner.ToResult(await InstallAsync(context.Setting("PackageID"), context.Setting("ProgramName"), context, cancellationToken), context);

    /// <summary>
    /// Each entry in order. A failure ends the step unless "continue when a package of the list fails" is set; then it
    /// is logged, the rest still install and the step names what failed. A program asking for a restart (3010) does
    /// not stop the list: the step asks for the restart once every entry ran.
    /// </summary>
    private async Task<WorkItemResult> InstallListAsync(string baseName, StepContext context, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string>(context.Variables, StringComparer.OrdinalIgnoreCase);
        var continueOnError = context.Flag("ContinueOnInstallError");
        var failed = new List<string>();
        var restart = false;
        var number = 1;
        for (; variables.TryGetValue($"{baseName}{number:D3}", out var entry); number++)
        {
            var name = $"{baseName}{number:D3}";
            context.Log.Line($"{name} = {entry}");
            string failure;
            try
            {
                var (packageId, program) = Parse(name, entry);
                var outcome = await InstallAsync(packageId, program, context, cancellationToken);
                if (outcome.TimedOut || outcome.Cancelled || (outcome.ExitCode is not (0 or RestartRequested) && !continueOnError))
                {
                    return ProcessRunner.ToResult(outcome, context) with { Succeeded = false };
                }

                restart |= outcome.ExitCode == RestartRequested;
                if (outcome.ExitCode is 0 or RestartRequested)
                {
                    continue;
                }

                failure = $"exit code {outcome.ExitCode}";
            }
            catch (Exception e) when (continueOnError && e is StepFailedException or ContentNotAvailableException)
            {
                failure = e.Message;
            }

            context.Log.Line($"{name} ({entry}) failed: {failure}; going on with the list");
            failed.Add($"{name} ({entry}): {failure}");
        }

        if (number == 1)
        {
            context.Log.Line($"{baseName}001 is not set: the list is empty, nothing to install");
        }

        return new WorkItemResult
        {
            ExitCode = restart ? RestartRequested : 0,
            Message = failed.Count == 0 ? null : $"installed with failures: {string.Join("; ", failed)}",
        };
    }

    /// <summary>An entry is <c>PACKAGEID:Program name</c>; the program name may itself hold colons.</summary>
    private static (string PackageId, string Program) Parse(string name, string entry)
    {
        var separator = entry.IndexOf(':', StringComparison.Ordinal);
        return separator > 0 && separator < entry.Length - 1
            ? (entry[..separator].Trim(), entry[(separator + 1)..].Trim())
            : throw new StepFailedException($"{name} is '{entry}': an entry of the list is PACKAGEID:Program name");
    }

    private async Task<ProcessOutcome> InstallAsync(string packageId, string programName, StepContext context, CancellationToken cancellationToken)
    {
        var package = await content.DownloadAsync(packageId, context.Log.Line, cancellationToken);
        var program = package.Location.Programs.FirstOrDefault(p => p.Name.Equals(programName, StringComparison.OrdinalIgnoreCase))
            ?? throw new StepFailedException($"package {packageId} has no program '{programName}' (it has: {string.Join(", ", package.Location.Programs.Select(p => p.Name))})");
        context.Log.Line($"> {program.CommandLine}   (in {package.Folder})");
        return await ProcessRunner.RunCommandLineAsync(program.CommandLine, context, package.Folder, cancellationToken);
    }
}
