using System.Diagnostics;
using System.Text;
using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.Disks;

/// <summary>
/// Runs the system tools the OSD steps need (sfdisk, mkfs.*, mount, wimapply, grub-install, blkid, modinfo, depmod, ...)
/// for a step. A missing tool fails the step naming the tool and the Debian package that has it; a tool that fails,
/// with its own error output. Only the tool's error output goes to the step log line by line, never its standard
/// output: callers log what matters of that (modinfo prints hundreds of aliases).
/// </summary>
internal static class SystemTool
{
    // The sbin folders are not on every PATH (a service's, a user's), yet that is where Debian puts these tools.
    private static readonly string[] ExtraFolders = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    public static string Require(string tool, string debianPackage) =>
        Find(tool) ?? throw new StepFailedException($"{tool} is not installed on this device: install the Debian package {debianPackage} (tools/disk-tools.sh does; the boot image has it)");

    /// <summary>The tool's path: the PATH first, then the sbin folders a service's PATH may leave out; null when it is not installed.</summary>
    public static string? Find(string tool) =>
        ExecutableSearch.Find(tool) ?? ExtraFolders.Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists);

    /// <summary>Runs the tool to its end and returns its standard output; a non-zero exit fails the step.</summary>
    public static async Task<string> RunAsync(string tool, string debianPackage, IReadOnlyList<string> arguments, StepLog? log,
        CancellationToken cancellationToken, string? input = null)
    {
        var outcome = await TryRunAsync(tool, debianPackage, arguments, log, cancellationToken, input);
        if (outcome.ExitCode != 0)
        {
            // The first lines say what went wrong; a usage text after them is in the step log.
            var error = string.Join(" ", (outcome.Error.Trim() is { Length: > 0 } text ? text : outcome.Output.Trim()).Split('\n').Take(3).Select(line => line.Trim()));
            throw new StepFailedException($"{tool} {string.Join(' ', arguments)} failed (exit code {outcome.ExitCode}): {error}");
        }

        return outcome.Output;
    }

    /// <summary>Runs the tool to its end; the caller decides what its exit code means.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> TryRunAsync(string tool, string debianPackage, IReadOnlyList<string> arguments,
        StepLog? log, CancellationToken cancellationToken, string? input = null)
    {
        var start = new ProcessStartInfo(Require(tool, debianPackage))
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

        // The tools' messages are read by people in the step log; keep them in a language the log's readers share.
        start.Environment["LC_ALL"] = "C";

        // mtools (mcopy onto the ESP) asks a block device for a floppy's geometry and gives up without this; nothing else reads it.
        start.Environment["MTOOLS_SKIP_CHECK"] = "1";
        log?.Line($"> {tool} {string.Join(' ', arguments)}");
        using var process = Process.Start(start) ?? throw new StepFailedException($"{tool} could not be started");
        var error = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (error)
                {
                    error.AppendLine(e.Data);
                }

                log?.Line(e.Data);
            }
        };
        process.BeginErrorReadLine();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var standardOutput = await output;
        lock (error)
        {
            return (process.ExitCode, standardOutput, error.ToString());
        }
    }
}
