using TsOrchestrator.Agent.Content;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Download Package Content: each listed package into the task sequence cache (or a custom folder), setting
/// <c>_TSPackagePath&lt;PackageID&gt;</c> for the steps that use it and, when the step names one, the numbered path
/// variables Configuration Manager sets (<c>&lt;Variable&gt;01</c>, <c>&lt;Variable&gt;02</c>, ...).
/// </summary>
internal sealed class DownloadPackageContentHandler(ContentDownloader content) : IStepHandler
{
    public const string PathVariablePrefix = "_TSPackagePath";
    private static readonly char[] ListSeparators = [',', ';', ' ', '\n', '\r', '\t'];

    public string TypeId => StepTypeIds.DownloadPackageContent;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var packages = context.Setting("DownloadPackages").Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (packages.Length == 0)
        {
            throw new StepFailedException("the step lists no package to download");
        }

        var custom = context.Setting("DestinationLocationType").Equals("Custom", StringComparison.OrdinalIgnoreCase)
            ? context.Setting("DestinationCustomPath") is { Length: > 0 } path ? path : throw new StepFailedException("the custom location has no path")
            : null;
        var baseName = context.Setting("DestinationVariable");
        var continueOnError = context.Flag("ContinueDownloadOnError");
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var failed = new List<string>();
        for (var i = 0; i < packages.Length; i++)
        {
            try
            {
                var package = await content.DownloadAsync(packages[i], context.Log.Line, cancellationToken);
                var folder = custom is null ? package.Folder : CopyTo(package, Path.Combine(custom, packages[i]));
                variables[PathVariablePrefix + package.Location.PackageId] = folder;
                if (baseName.Length > 0)
                {
                    variables[$"{baseName}{i + 1:D2}"] = folder;
                }
            }
            catch (ContentNotAvailableException e) when (continueOnError)
            {
                context.Log.Line(e.Message);
                failed.Add(e.PackageId);
            }
        }

        return new WorkItemResult
        {
            ExitCode = 0,
            Variables = variables,
            Message = failed.Count == 0 ? null : $"not downloaded: {string.Join(", ", failed)}",
        };
    }

    private static string CopyTo(DownloadedPackage package, string destination)
    {
        foreach (var file in package.Location.Files)
        {
            var target = Path.Combine(destination, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(package.Folder, file.Path), target, overwrite: true);
        }

        return destination;
    }
}
