using TsOrchestrator.Agent.Content;
using TsOrchestrator.Agent.Drivers;
using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Apply Driver Package: every kernel module and firmware file of the package goes into the applied system (no
/// matching: that is Auto Apply Drivers), and depmod runs for its kernel. The package is the one a Download Package
/// Content step fetched (<c>_TSPackagePath&lt;ID&gt;</c>), else it is downloaded here, or an absolute path.
/// </summary>
internal sealed class ApplyDriverPackageHandler(ContentDownloader? content = null) : IStepHandler
{
    private const string Step = "Apply Driver Package";

    public string TypeId => StepTypeIds.ApplyDriverPackage;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var reference = context.Setting("DriverPackageID").Trim();
        if (reference.Length == 0)
        {
            throw new StepFailedException("the step names no driver package (DriverPackageID)");
        }

        var folder = await PackageFolderAsync(context, reference, cancellationToken);
        var root = await TargetSystemRoot.RequireAsync(context, Step, cancellationToken);
        var catalog = await DriverCatalog.BuildAsync([folder], context.Log, cancellationToken);
        if (catalog.Modules.Count == 0 && catalog.Firmware.Count == 0)
        {
            throw new StepFailedException($"the driver package {reference} (DriverPackageID) holds no kernel module (.ko, .ko.xz, .ko.zst) and no firmware folder");
        }

        var installed = await DriverInstaller.InstallAsync(root, catalog.Modules, catalog.Firmware, context.Log, cancellationToken);
        return new WorkItemResult { ExitCode = 0, Message = $"{installed} module(s) and {catalog.Firmware.Count} firmware file(s) of {reference} applied" };
    }

    private async Task<string> PackageFolderAsync(StepContext context, string reference, CancellationToken cancellationToken)
    {
        if (Path.IsPathRooted(reference))
        {
            return Directory.Exists(reference) ? reference : throw new StepFailedException($"the driver package folder {reference} (DriverPackageID) does not exist");
        }

        if (context.Variables.TryGetValue(ApplyOperatingSystemImageHandler.PackagePathPrefix + reference, out var downloaded) && Directory.Exists(downloaded))
        {
            return downloaded;
        }

        if (content is null)
        {
            throw new StepFailedException($"the driver package {reference} (DriverPackageID) is not on this device: download it with a Download Package Content step first");
        }

        return (await content.DownloadAsync(reference, context.Log.Line, cancellationToken)).Folder;
    }
}
