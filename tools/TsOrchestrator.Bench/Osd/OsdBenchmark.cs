using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Refit;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Serialization;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Testing;
using TsOrchestrator.Testing.VirtualMachines;

namespace TsOrchestrator.Bench.Osd;

/// <summary>
/// The <c>osd</c> benchmark: the real server on a free loopback port, a blank QEMU machine that boots from the network
/// (the bare-metal test's harness: restrict=on user networking, KVM when it works, else TCG), an install-os-like
/// sequence with the real OSD steps and, in the same run on the same virtual disk, a raw extract of the same image
/// file. Prints power-on → Succeeded split into its phases, the apply beside the raw extract, and the orchestration
/// overhead; asserts nothing about time. Each run is a fresh server, disk and machine; the image is built once.
/// </summary>
internal static partial class OsdBenchmark
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<int> RunAsync(OsdOptions options, TextWriter output)
    {
        var bootImage = options.BootImage;
        if (bootImage is null || !File.Exists(Path.Combine(bootImage, "vmlinuz")))
        {
            await Console.Error.WriteLineAsync("osd: no boot image: pass --boot-image <folder> or set TSORCH_BOOT_IMAGE (`source tools/baremetal.sh` installs QEMU and builds it)");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("tsorch-osd-bench-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var packageFolder = Path.Combine(work, "image-package");
            var image = await OsdImage.BuildAsync(bootImage, work, packageFolder, options.PayloadMegabytes, options.Format);
            var accelerator = await QemuAccelerator.ChooseAsync(Path.Combine(bootImage, "vmlinuz"), CancellationToken.None);
            OsdReport.Header(options, image, accelerator, clock.Elapsed, output);

            var runs = new List<OsdRunFigures>();
            for (var i = 1; i <= options.Runs; i++)
            {
                // With --json, each run's serial console is kept beside it (FILE.runN.console.log) for reading the phases again.
                var figures = await RunOnceAsync(bootImage, packageFolder, accelerator, Path.Combine(work, $"run{i}"),
                    options.JsonPath is { } json ? $"{json}.run{i}.console.log" : null, output);
                if (figures is null)
                {
                    return 1;
                }

                runs.Add(figures);
                OsdReport.PrintRun(i, figures, output);
            }

            OsdReport.PrintSummary(runs, output);
            if (options.JsonPath is { } jsonPath)
            {
                await OsdReport.WriteJsonAsync(jsonPath, options, image, runs);
                output.WriteLine($"figures written to {Path.GetFullPath(jsonPath)}");
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<OsdRunFigures?> RunOnceAsync(string bootImage, string packageFolder, string accelerator, string folder, string? keepConsole, TextWriter output)
    {
        Directory.CreateDirectory(folder);
        var load = LoadAverage();
        await using var server = new ServerProcess
        {
            ExtraArguments = ["--Agents:UnknownComputerSupport=true", $"--Content:SourceRoots:1={bootImage}", $"--Content:SourceRoots:2={packageFolder}"],
        };
        await server.InitializeAsync();
        var admin = SiteAdmin.For(server);
        var bootPackage = await admin.CreatePackageAsync(new CreatePackageRequest { Name = "Boot image (x64)", Type = PackageType.BootImage, SourcePath = bootImage });
        var imagePackage = await admin.CreatePackageAsync(new CreatePackageRequest { Name = "Benchmark Linux image", SourcePath = packageFolder });
        await SiteAdmin.DistributeToSiteAsync(admin, imagePackage.Id);
        var format = Path.GetFileName(Directory.GetFiles(packageFolder).Single()).EndsWith(".zst", StringComparison.Ordinal) ? OsdImageFormat.TarZstd : OsdImageFormat.Tar;
        var sequence = await admin.CreateTaskSequenceAsync(new CreateTaskSequenceRequest { Sequence = OsdSequence.Create(bootPackage.Id, imagePackage.Id, format) });
        var deployment = await SiteAdmin.DeployToUnknownComputersAsync(admin, sequence.Summary.Id, "ClientsMediaAndPxe");

        // 4 GiB: two 2 GiB partitions, the image's and the raw extract's.
        var disk = DiskImage.CreateBlank(Path.Combine(folder, "disk.raw"), 4L << 30);

        var clock = Stopwatch.StartNew();
        // Disk first: the blank disk falls through to the network boot; after Setup Operating System GRUB boots from it.
        await using var machine = VirtualMachine.Start(folder, disk, new Uri(server.Url).Port, accelerator, bootOrder: "cn");
        var poweredOn = clock.Elapsed;
        await using var timeline = new ConsoleTimeline(machine.ConsolePath, clock, poweredOn);
        double? registered = null;
        Contracts.Runs.RunSummary? ended = null;
        while (ended is null)
        {
            if (clock.Elapsed - poweredOn > RunLimit || machine.HasExited)
            {
                output.WriteLine($"run FAILED: {(machine.HasExited ? "the machine stopped" : $"no end after {RunLimit.TotalMinutes} minutes")}");
                output.WriteLine($"--- console (last lines) ---\n{string.Join('\n', timeline.Lines.TakeLast(60).Select(l => l.Text))}");
                return null;
            }

            await Task.Delay(PollInterval);
            registered ??= (await admin.ListDevicesAsync()).Count > 0 ? (clock.Elapsed - poweredOn).TotalSeconds : null;
            ended = (await admin.ListRunsAsync(deploymentId: deployment.Id)).SingleOrDefault(r => r.Status is "Succeeded" or "Failed" or "Cancelled" or "TimedOut");
        }

        var succeeded = (clock.Elapsed - poweredOn).TotalSeconds;
        var details = await admin.GetRunAsync(ended.Id);
        if (details.Summary.Status != "Succeeded")
        {
            output.WriteLine($"run FAILED: {details.Summary.Status} at {details.FailedPath}: {details.FailureReason}");
            output.WriteLine($"--- console (last lines) ---\n{string.Join('\n', timeline.Lines.TakeLast(60).Select(l => l.Text))}");
            return null;
        }

        // The installed agent logs the last step's end just after the server has it: give the console a moment.
        for (var i = 0; i < 50 && !timeline.Lines.Any(l => l.Text.Contains("ended: Succeeded", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(PollInterval);
        }

        await machine.PowerOffAsync();
        if (keepConsole is not null)
        {
            File.Copy(machine.ConsolePath, keepConsole, overwrite: true);
        }
        var log = string.Join('\n', (await admin.GetRunLogAsync(ended.Id)).Select(e => e.Text));
        var history = details.History.Where(h => h.StepType is not null).ToList();
        var duplicated = history.GroupBy(h => h.Path).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (!history.Select(h => h.Name).SequenceEqual(OsdSequence.StepNames) || duplicated.Count > 0)
        {
            output.WriteLine($"run FAILED: the steps that ran were {string.Join(", ", history.Select(h => $"{h.Path} {h.Name}"))}");
            return null;
        }

        return Figures(timeline.Lines, history, log, accelerator, load, registered ?? double.NaN, succeeded, output);
    }

    private static OsdRunFigures? Figures(IReadOnlyList<ConsoleLine> lines, List<Contracts.Runs.RunStepRecord> history, string log, string accelerator, double load,
        double registered, double succeeded, TextWriter output)
    {
        var agentLines = lines.Select(l => (Line: l, Match: AgentLine().Match(l.Text))).Where(x => x.Match.Success).ToList();
        ConsoleLine? Find(string text, int from = 0) => lines.Skip(from).FirstOrDefault(l => l.Text.Contains(text, StringComparison.Ordinal));
        // A boot ends where the agent starts: the boot image's init says "network up" just before it starts the agent;
        // the installed system's sysinit says "tsorch-image: ... up" before init respawns the agent from inittab.
        // The agent's own start, registration and journal reading after those lines are orchestration.
        var bootImageReady = Find("tsorch-boot: network up");
        var restart = Find("restart requested: exiting");
        var installedReady = restart is null ? null : Find("tsorch-image: ", IndexOf(lines, restart));
        var raw = RawFigures().Match(log);
        if (bootImageReady is null || restart is null || installedReady is null || !raw.Success)
        {
            output.WriteLine("run not measured: the console or the run's log lacks a line the figures need " +
                             $"(boot image's network up {bootImageReady is not null}, restart request {restart is not null}, installed system up {installedReady is not null}, raw extract {raw.Success})");
            return null;
        }

        var steps = new List<StepTiming>();
        foreach (var record in history)
        {
            var start = agentLines.FirstOrDefault(x => x.Match.Groups["message"].Value.StartsWith($"step '{record.Name}' (", StringComparison.Ordinal));
            var end = agentLines.FirstOrDefault(x => x.Match.Groups["message"].Value.StartsWith($"step '{record.Name}' finished:", StringComparison.Ordinal));
            if (start.Line is null || end.Line is null)
            {
                output.WriteLine($"run not measured: the console has no start or end line of step '{record.Name}'");
                return null;
            }

            steps.Add(new StepTiming(record.Name, (AgentTime(end.Match) - AgentTime(start.Match)).TotalSeconds,
                ((record.EndedAt - record.StartedAt) ?? TimeSpan.Zero).TotalSeconds, start.Line.HostAt, end.Line.HostAt));
        }

        double Seconds(string name) => double.Parse(raw.Groups[name].Value, CultureInfo.InvariantCulture);
        return new OsdRunFigures
        {
            Accelerator = accelerator, LoadAverage = load, KernelPanics = lines.Count(l => l.Text.Contains("Kernel panic", StringComparison.Ordinal)), Registered = registered, FirstBoot = bootImageReady.HostAt.TotalSeconds, Steps = steps,
            RawWritebackBefore = Seconds("before"), RawExtract = Seconds("extract"), RawWritebackAfter = Seconds("after"),
            RawFiles = long.Parse(raw.Groups["files"].Value, CultureInfo.InvariantCulture), RawKib = long.Parse(raw.Groups["kib"].Value, CultureInfo.InvariantCulture),
            ApplyTally = ApplyTally().Match(log) is { Success: true } tally ? tally.Groups["tally"].Value : "(not in the log)",
            SecondBoot = (installedReady.HostAt - restart.HostAt).TotalSeconds,
            RestartIntoInstalled = (steps[OsdSequence.Last].HostStart - steps[OsdSequence.Setup].HostEnd).TotalSeconds,
            Succeeded = succeeded,
        };
    }

    private static int IndexOf(IReadOnlyList<ConsoleLine> lines, ConsoleLine line)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (ReferenceEquals(lines[i], line))
            {
                return i;
            }
        }

        return 0;
    }

    private static DateTime AgentTime(Match match) =>
        DateTime.ParseExact(match.Groups["time"].Value, "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture, out var load) ? load : double.NaN;

    [GeneratedRegex(@"(?<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) (?:info|warn|error) (?<message>.*)$")]
    private static partial Regex AgentLine();

    [GeneratedRegex(@"tsorch-bench raw-extract writeback_before=(?<before>[0-9.]+) extract=(?<extract>[0-9.]+) writeback_after=(?<after>[0-9.]+) files=(?<files>\d+) kib=(?<kib>\d+)")]
    private static partial Regex RawFigures();

    [GeneratedRegex(@"extracted (?<tally>\d+ files \(\d+ bytes\)[^\n]*)")]
    private static partial Regex ApplyTally();
}
