using System.Diagnostics;
using System.Globalization;

namespace TsOrchestrator.Testing.VirtualMachines;

/// <summary>
/// A QEMU machine with a blank disk and one NIC that boots from the network. Its only network is QEMU's user
/// networking with <c>restrict=on</c>: the guest reaches nothing on or beyond the host except the server, through a
/// guestfwd from 10.0.2.100:80 to the server's loopback port; QEMU's own DHCP and TFTP hand iPXE a script that chains
/// to the server's per-machine script. The serial console goes to a file. Killing the machine kills QEMU and what it
/// started (the forwards), as pulling its power would.
/// </summary>
public sealed class VirtualMachine : IAsyncDisposable
{
    public const string Qemu = "qemu-system-x86_64";

    /// <summary>Where the guest finds the server (forwarded to the server's loopback port).</summary>
    public const string ServerAddress = "10.0.2.100";

    private readonly Process _process;

    private VirtualMachine(Process process, string consolePath, string mac)
    {
        _process = process;
        ConsolePath = consolePath;
        MacAddress = mac;
    }

    public string ConsolePath { get; }

    public string MacAddress { get; }

    public bool HasExited => _process.HasExited;

    public string Console => File.Exists(ConsolePath)
        ? File.ReadAllText(ConsolePath).Replace("\r", "", StringComparison.Ordinal)
        : "(no console output)";

    /// <summary>
    /// Starts the machine: <paramref name="folder"/> holds its TFTP folder and console log, <paramref name="disk"/> is a
    /// raw disk image. <paramref name="bootOrder"/> is QEMU's <c>-boot order=</c>: <c>nc</c> (network first) by
    /// default; <c>cn</c> boots the disk first, and a blank disk without a boot signature falls through to the network.
    /// <paramref name="cdrom"/> puts an ISO (boot media) in the machine's CD drive; <c>d</c> in the boot order boots it.
    /// <paramref name="mac"/> keeps the NIC's address of an earlier start (the same machine powered on again).
    /// </summary>
    public static VirtualMachine Start(string folder, string disk, int serverPort, string accelerator, string bootOrder = "nc", string? cdrom = null, string? mac = null)
    {
        var tftp = Directory.CreateDirectory(Path.Combine(folder, "tftp")).FullName;
        // iPXE in the NIC's ROM gets this file from QEMU's TFTP and asks the server for the machine's own script;
        // a DHCP boot file name cannot carry the machine's address, a script can (${net0/mac}).
        File.WriteAllText(Path.Combine(tftp, "boot.ipxe"),
            $"#!ipxe\nchain http://{ServerAddress}/boot/v1/ipxe?mac=${{net0/mac}}&uuid=${{uuid}}\n");
        mac ??= string.Create(CultureInfo.InvariantCulture, $"52:54:00:{Random.Shared.Next(256):x2}:{Random.Shared.Next(256):x2}:{Random.Shared.Next(256):x2}");
        var console = Path.Combine(folder, "console.log");
        var start = new ProcessStartInfo(Qemu)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (var argument in (string[])[
            "-machine", "pc", "-accel", accelerator, "-m", "1024", "-smp", "1", "-uuid", Guid.NewGuid().ToString(),
            "-display", "none", "-monitor", "none", "-serial", $"file:{console}",
            "-netdev", $"user,id=n0,restrict=on,tftp={tftp},bootfile=boot.ipxe,guestfwd=tcp:{ServerAddress}:80-cmd:socat - TCP:127.0.0.1:{serverPort.ToString(CultureInfo.InvariantCulture)}",
            "-device", $"virtio-net-pci,netdev=n0,mac={mac}",
            "-drive", $"file={disk},format=raw,if=virtio",
            "-boot", $"order={bootOrder}"])
        {
            start.ArgumentList.Add(argument);
        }

        if (cdrom is not null)
        {
            start.ArgumentList.Add("-cdrom");
            start.ArgumentList.Add(cdrom);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Qemu} did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new VirtualMachine(process, console, mac);
    }

    /// <summary>Pulls the power: QEMU ends at once, whatever the guest was writing.</summary>
    public async Task PowerOffAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await PowerOffAsync();
        _process.Dispose();
    }
}
