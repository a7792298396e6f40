namespace TsOrchestrator.Agent.Drivers;

/// <summary>A kernel module of a driver package: its file, the device aliases it claims and the firmware files it loads.</summary>
internal sealed record DriverModule(string File, string PackageFolder, IReadOnlyList<string> Aliases, IReadOnlyList<string> Firmware)
{
    /// <summary>The module's name as depmod knows it (file name without <c>.ko</c> and compression).</summary>
    public string Name => Path.GetFileName(File).Split(".ko", 2)[0];
}
