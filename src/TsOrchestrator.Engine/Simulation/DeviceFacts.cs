namespace TsOrchestrator.Engine.Simulation;

/// <summary>The virtual device of a simulation: what device-side conditions read.</summary>
public sealed record DeviceFacts
{
    public string Os { get; init; } = "windows";
    public string OsVersion { get; init; } = "10.0.19045";
    public string Architecture { get; init; } = "x64";
    public string Language { get; init; } = "en-US";
    public string Hostname { get; init; } = "SIMULATED";

    /// <summary>Started from boot media (WinPE / PXE).</summary>
    public bool InWinPE { get; init; }

    /// <summary>Booted with UEFI firmware (sets <c>_SMSTSBootUEFI</c>).</summary>
    public bool BootUefi { get; init; }

    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>File versions by path, for file version conditions.</summary>
    public IReadOnlyDictionary<string, string> FileVersions { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Folders { get; init; } = [];

    /// <summary>Registry data by <c>KeyPath\ValueName</c> (or <c>KeyPath</c> for the default value).</summary>
    public IReadOnlyDictionary<string, string> Registry { get; init; } = new Dictionary<string, string>();

    /// <summary>Installed products, each matched against product code, upgrade code or name.</summary>
    public IReadOnlyList<string> InstalledSoftware { get; init; } = [];

    /// <summary>WMI queries that return rows (any other query returns none).</summary>
    public IReadOnlyList<string> WmiQueriesWithRows { get; init; } = [];
}
