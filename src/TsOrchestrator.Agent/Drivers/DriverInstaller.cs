using TsOrchestrator.Agent.Disks;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.TargetSystem;

namespace TsOrchestrator.Agent.Drivers;

/// <summary>
/// Copies driver modules into the applied system's <c>/lib/modules/&lt;its kernel&gt;/updates/</c> (which depmod
/// prefers to the kernel's own), firmware into its <c>/lib/firmware</c>, and runs depmod for that kernel, so the new
/// system loads them at its first boot.
/// </summary>
internal static class DriverInstaller
{
    public static async Task<int> InstallAsync(string root, IReadOnlyCollection<DriverModule> modules, IEnumerable<(string Folder, string Relative)> firmware,
        StepLog log, CancellationToken cancellationToken)
    {
        var modulesFolder = TargetPath.Resolve(root, "/lib/modules/.");
        var version = KernelVersion(root, modulesFolder);
        var updates = TargetPath.Folder(root, $"/lib/modules/{version}/updates");
        foreach (var module in modules)
        {
            var destination = Path.Combine(updates, Path.GetFileName(module.File));
            File.Copy(module.File, destination, overwrite: true);
            log.Line($"module {module.Name} → /lib/modules/{version}/updates/{Path.GetFileName(module.File)}");
        }

        var count = 0;
        foreach (var (folder, relative) in firmware)
        {
            var destination = TargetPath.Resolve(root, "/lib/firmware/" + relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(Path.Combine(folder, relative), destination, overwrite: true);
            count++;
        }

        if (count > 0)
        {
            log.Line($"{count} firmware file(s) → /lib/firmware");
        }

        // depmod reads <base>/lib/modules: the base is whatever the target's own /lib/modules resolves to inside it
        // (Debian's /lib is a link to usr/lib), so depmod never follows a link out of the target.
        var suffix = Path.Combine("lib", "modules");
        if (!modulesFolder.EndsWith(suffix, StringComparison.Ordinal))
        {
            throw new StepFailedException($"the applied system's /lib/modules resolves to {modulesFolder}: depmod cannot be pointed at it");
        }

        var baseFolder = modulesFolder[..^suffix.Length].TrimEnd('/');
        await SystemTool.RunAsync("depmod", "kmod", ["-b", baseFolder, version], log, cancellationToken);
        return modules.Count;
    }

    /// <summary>The applied system's kernel: its one module folder, else the newest kernel in /boot that has one.</summary>
    private static string KernelVersion(string root, string modulesFolder)
    {
        var versions = Directory.Exists(modulesFolder) ? Directory.GetDirectories(modulesFolder).Select(Path.GetFileName).OfType<string>().ToList() : [];
        if (versions.Count == 1)
        {
            return versions[0];
        }

        var boot = TargetPath.Resolve(root, "/boot/.");
        var kernels = Directory.Exists(boot)
            ? Directory.GetFiles(boot, "vmlinuz-*").Select(k => Path.GetFileName(k)["vmlinuz-".Length..]).Where(versions.Contains).ToList()
            : [];
        return kernels.Count > 0
            ? kernels.OrderBy(v => v, VersionOrder.Instance).Last()
            : throw new StepFailedException(versions.Count == 0
                ? "the applied system has no /lib/modules/<version>: drivers go with its kernel, and it has none"
                : $"the applied system has modules for {string.Join(", ", versions)} and no kernel in /boot names one of them");
    }
}
