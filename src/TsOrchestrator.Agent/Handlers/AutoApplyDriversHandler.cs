using TsOrchestrator.Agent.Drivers;
using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Auto Apply Drivers: a driver catalog built from the driver packages downloaded earlier in the run (every
/// <c>_TSPackagePath&lt;ID&gt;</c> folder holding kernel modules) is matched against this machine's devices (PCI, USB
/// and virtio modaliases in sysfs, with modprobe's glob rules); the matching modules, and the firmware they name, go
/// into the applied system. InstallOnlyBestMatch keeps the most specific module per device. No match is no failure,
/// as in Configuration Manager: the step says which devices had none.
/// </summary>
internal sealed class AutoApplyDriversHandler(Func<IReadOnlyList<string>>? devices = null) : IStepHandler
{
    private const string Step = "Auto Apply Drivers";
    private readonly Func<IReadOnlyList<string>> _devices = devices ?? (() => DeviceModaliases.Read());

    public string TypeId => StepTypeIds.AutoApplyDrivers;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Setting("DriverCategories").Trim() is { Length: > 0 } categories)
        {
            throw new StepFailedException($"driver categories ({categories}) are not kept for Linux driver packages: clear DriverCategories, or apply the package by name with Apply Driver Package");
        }

        var root = await TargetSystemRoot.RequireAsync(context, Step, cancellationToken);
        var packages = context.Variables
            .Where(v => v.Key.StartsWith(ApplyOperatingSystemImageHandler.PackagePathPrefix, StringComparison.OrdinalIgnoreCase) && Directory.Exists(v.Value))
            .Select(v => v.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var catalog = await DriverCatalog.BuildAsync(packages, context.Log, cancellationToken);
        var devices = _devices();
        var bestOnly = !context.Settings.TryGetValue("InstallOnlyBestMatch", out var best) || !bool.TryParse(best, out var flag) || flag;
        var matches = catalog.Match(devices, bestOnly);
        foreach (var (module, device) in matches)
        {
            context.Log.Line($"{device}: {module.Name}");
        }

        context.Log.Line($"{devices.Count - matches.Select(m => m.Device).Distinct(StringComparer.Ordinal).Count()} of {devices.Count} device(s) matched no driver of the catalog");
        var modules = matches.Select(m => m.Module).Distinct().ToList();
        if (modules.Count == 0)
        {
            return new WorkItemResult { ExitCode = 0, Message = "no driver of the catalog matches a device of this machine" };
        }

        var needed = modules.SelectMany(m => m.Firmware).ToHashSet(StringComparer.Ordinal);
        var firmware = catalog.Firmware.Where(f => needed.Contains(f.Relative));
        var installed = await DriverInstaller.InstallAsync(root, modules, firmware.ToList(), context.Log, cancellationToken);
        return new WorkItemResult { ExitCode = 0, Message = $"{installed} matching module(s) applied" };
    }
}
