using System.Diagnostics;
using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// Runs a system tool a configuration step needs (grub-install, blkid, modinfo, depmod, mount) and returns what it
/// printed. A missing tool fails the step naming the tool and the Debian package that has it; a failing one names its
/// error output. The output is not logged line by line: callers log what matters (modinfo prints hundreds of aliases).
/// </summary>
internal static class SystemTool
{
    private static readonly string[] SystemFolders = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    public static async Task<string> RunAsync(string tool, string package, IReadOnlyList<string> arguments, StepLog? log, CancellationToken cancellationToken,
        string? input = null)
    {
        var path = Find(tool) ?? throw new StepFailedException($"{tool} is not installed on this device: install the Debian package {package} (the boot image needs it too)");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Tools print the same words whatever the device's language, so their errors read the same in every log.
        start.Environment["LC_ALL"] = "C";

        // mtools asks a block device for a floppy's geometry and gives up without this; nothing else reads it.
        start.Environment["MTOOLS_SKIP_CHECK"] = "1";
        log?.Line($"running {tool} {string.Join(' ', arguments)}");
        using var process = Process.Start(start) ?? throw new StepFailedException($"{tool} could not be started");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var printed = await output;
        var complaint = (await error).Trim();
        if (process.ExitCode != 0)
        {
            throw new StepFailedException($"{tool} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {(complaint.Length > 0 ? complaint : printed.Trim())}");
        }

        return printed;
    }

    /// <summary>The tool's path: the PATH first, then the system folders a service's PATH may leave out.</summary>
    public static string? Find(string tool) =>
        ExecutableSearch.Find(tool) ?? SystemFolders.Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists);
}
