using System.Runtime.Versioning;
using Microsoft.Win32;

namespace TsOrchestrator.Agent.Facts;

/// <summary>
/// Whether the installed Windows is a workstation, server or domain controller edition, from the registry's
/// <c>ProductOptions\ProductType</c> (<c>WinNT</c>, <c>ServerNT</c>, <c>LanmanNT</c>: what <c>OSVERSIONINFOEX.wProductType</c>
/// 1, 3 and 2 report). Other systems report none: their server role is told by the chassis.
/// </summary>
internal static class OsProductType
{
    public const string Workstation = "workstation";
    public const string Server = "server";
    public const string DomainController = "domainController";

    public static string? Read() => OperatingSystem.IsWindows() ? FromRegistryValue(ReadRegistry()) : null;

    public static string? FromRegistryValue(string? productType) => productType?.Trim().ToUpperInvariant() switch
    {
        "WINNT" => Workstation,
        "SERVERNT" => Server,
        "LANMANNT" => DomainController,
        _ => null,
    };

    [SupportedOSPlatform("windows")]
    private static string? ReadRegistry()
    {
        try
        {
            using var key = Registry.LocalMachine.OpenSubKey(@"SYSTEM\CurrentControlSet\Control\ProductOptions");
            return key?.GetValue("ProductType") as string;
        }
        catch (Exception ex) when (ex is System.Security.SecurityException or UnauthorizedAccessException or IOException)
        {
            return null;
        }
    }
}
