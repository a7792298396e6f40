using TsOrchestrator.Agent.Disks;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.TargetSystem;

namespace TsOrchestrator.Agent.Drivers;

/// <summary>
/// The drivers of one or more driver packages: each kernel module (.ko, .ko.xz, .ko.zst, .ko.gz) with the aliases
/// modinfo reads from its .modinfo section, and each package's firmware (the files under a folder named firmware).
/// </summary>
internal sealed class DriverCatalog
{
    private static readonly string[] ModuleEndings = [".ko", ".ko.xz", ".ko.zst", ".ko.gz"];

    private DriverCatalog(IReadOnlyList<DriverModule> modules, IReadOnlyList<(string Folder, string Relative)> firmware)
    {
        Modules = modules;
        Firmware = firmware;
    }

    public IReadOnlyList<DriverModule> Modules { get; }

    /// <summary>Firmware files: the package's firmware folder and the path below it (the path under /lib/firmware).</summary>
    public IReadOnlyList<(string Folder, string Relative)> Firmware { get; }

    public static async Task<DriverCatalog> BuildAsync(IEnumerable<string> packageFolders, StepLog log, CancellationToken cancellationToken)
    {
        var modules = new List<DriverModule>();
        var firmware = new List<(string, string)>();
        foreach (var package in packageFolders)
        {
            foreach (var file in Directory.EnumerateFiles(package, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(package, file);
                var parts = relative.Split(Path.DirectorySeparatorChar);
                var firmwareAt = Array.FindIndex(parts, part => part.Equals("firmware", StringComparison.OrdinalIgnoreCase));
                if (firmwareAt >= 0 && firmwareAt < parts.Length - 1)
                {
                    firmware.Add((Path.Combine([package, .. parts[..(firmwareAt + 1)]]), string.Join('/', parts[(firmwareAt + 1)..])));
                }
                else if (ModuleEndings.Any(ending => file.EndsWith(ending, StringComparison.Ordinal)))
                {
                    var aliases = Lines(await SystemTool.RunAsync("modinfo", "kmod", ["-F", "alias", file], null, cancellationToken));
                    var needs = Lines(await SystemTool.RunAsync("modinfo", "kmod", ["-F", "firmware", file], null, cancellationToken));
                    modules.Add(new DriverModule(file, package, aliases, needs));
                }
            }
        }

        log.Line($"driver catalog: {modules.Count} module(s), {firmware.Count} firmware file(s) from {string.Join(", ", packageFolders)}");
        return new DriverCatalog(modules, firmware);
    }

    /// <summary>The modules that claim any of the devices; with <paramref name="bestOnly"/> only the most specific match per device.</summary>
    public IReadOnlyList<(DriverModule Module, string Device)> Match(IReadOnlyList<string> deviceAliases, bool bestOnly)
    {
        var matches = new List<(DriverModule, string)>();
        foreach (var device in deviceAliases)
        {
            var candidates = Modules
                .Select(module => (Module: module, Score: module.Aliases.Where(a => ModaliasPattern.Matches(a, device)).Select(ModaliasPattern.Specificity).DefaultIfEmpty(-1).Max()))
                .Where(c => c.Score >= 0)
                .OrderByDescending(c => c.Score)
                .ToList();
            matches.AddRange((bestOnly ? candidates.Take(1) : candidates).Select(c => (c.Module, device)));
        }

        return matches;
    }

    private static List<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
}
