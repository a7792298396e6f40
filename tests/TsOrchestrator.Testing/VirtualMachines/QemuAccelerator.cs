using System.Diagnostics;

namespace TsOrchestrator.Testing.VirtualMachines;

/// <summary>
/// KVM when this machine has it and it works, else QEMU's TCG emulation. /dev/kvm existing is not enough (a nested or
/// restricted host may expose it and stall): the probe boots the boot image's kernel without a root file system under
/// KVM, which panics and, with <c>-no-reboot</c>, ends QEMU within seconds when KVM really runs it.
/// TSORCH_QEMU_ACCEL=kvm|tcg decides without the probe.
/// </summary>
public static class QemuAccelerator
{
    private static readonly TimeSpan ProbeTime = TimeSpan.FromSeconds(20);

    public static async Task<string> ChooseAsync(string kernel, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("TSORCH_QEMU_ACCEL") is { Length: > 0 } forced)
        {
            return forced;
        }

        if (!File.Exists("/dev/kvm"))
        {
            return "tcg";
        }

        var probe = new ProcessStartInfo(VirtualMachine.Qemu)
        {
            ArgumentList = { "-accel", "kvm", "-m", "256", "-nodefaults", "-display", "none", "-serial", "stdio", "-no-reboot", "-kernel", kernel, "-append", "console=ttyS0 panic=-1" },
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(probe)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTime);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return (await output).Contains("Kernel panic", StringComparison.Ordinal) ? "kvm" : "tcg";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "tcg";
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }
}
