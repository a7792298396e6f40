using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace TsOrchestrator.Bench.Osd;

/// <summary>Prints the osd benchmark's figures, each run and the median, beside PERFORMANCE.md's targets (read, not asserted).</summary>
internal static class OsdReport
{
    private const double RatioTarget = 0.8;
    private const double OverheadTarget = 0.10;
    private const int LabelWidth = 62;
    private const int FigureWidth = 10;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static void Header(OsdOptions options, OsdImageFacts image, string accelerator, TimeSpan setUp, TextWriter output)
    {
        output.WriteLine("TsOrchestrator bare-metal deployment benchmark (osd)");
        output.WriteLine($"  {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} host cores; QEMU accelerator {accelerator}, 1 vCPU, 1 GiB, virtio disk on a sparse raw file");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  image {Path.GetFileName(image.Path)}: {image.FileBytes / 1048576.0:F1} MiB file, {image.TarBytes / 1048576.0:F1} MiB tar, {image.TarEntries:N0} entries; " +
            $"payload {image.PayloadFiles:N0} generated files, {image.PayloadBytes / 1048576.0:F1} MiB; built with the boot image's kernel {image.Kernel} in {setUp.TotalSeconds:F1} s"));
        output.WriteLine("  Clocks: [host] the benchmark's stopwatch (power-on = QEMU started; server polled every 200 ms); [console] host stopwatch");
        output.WriteLine("  when the guest's serial line appeared (polled every 20 ms); [agent] the agent's own log timestamps (step start → finished);");
        output.WriteLine("  [server] the run's step record (dispatched → result applied); [guest] /proc/uptime inside the raw extract step.");
        output.WriteLine();
    }

    public static void PrintRun(int number, OsdRunFigures run, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Run {number}: load average {run.LoadAverage:F2} at the start; power-on → Succeeded {run.Succeeded:F1} s"));
        if (run.KernelPanics > 0)
        {
            // Seen under heavy host load with TCG: the kernel's IO-APIC timer check fails, it panics and reboots (panic=10).
            output.WriteLine($"  NOTE: the guest kernel panicked {run.KernelPanics} time(s) and rebooted; its boot time includes that");
        }

        output.WriteLine($"  {"step",-34}{"agent s",10}{"server s",10}{"console start s",17}");
        foreach (var step in run.Steps)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {step.Name,-34}{step.AgentSeconds,10:F2}{step.ServerSeconds,10:F2}{step.HostStart.TotalSeconds,17:F2}"));
        }

        output.WriteLine($"  apply extracted {run.ApplyTally}; the raw extract left {run.RawFiles:N0} files, {run.RawKib:N0} KiB on its partition");
        output.WriteLine();
    }

    public static void PrintSummary(IReadOnlyList<OsdRunFigures> runs, TextWriter output)
    {
        output.WriteLine($"Figures: each run, then the median of {runs.Count}; seconds unless marked");
        Row(output, "", runs.Select((_, i) => $"run {i + 1}"), "median", "target", "");
        Row(output, "power-on → registered as unknown computer [host]", runs, r => r.Registered);
        Row(output, "boot: power-on → boot image starts the agent [console]", runs, r => r.FirstBoot);
        Row(output, "partition + format (Format and Partition Disk) [agent]", runs, r => r.Step(OsdSequence.Format).AgentSeconds);
        Row(output, "download the image (Download Package Content) [agent]", runs, r => r.Step(OsdSequence.Download).AgentSeconds);
        Row(output, "image apply (Apply Operating System Image) [agent]", runs, r => r.Step(OsdSequence.Apply).AgentSeconds);
        Row(output, "  its write-back, waited for after it [guest]", runs, r => r.RawWritebackBefore);
        Row(output, "raw extract, same file, same disk [guest]", runs, r => r.RawExtract);
        Row(output, "  its write-back [guest]", runs, r => r.RawWritebackAfter);
        var ratio = Median(runs.Select(r => r.ApplyRatio));
        Row(output, "apply throughput ÷ raw extract's (raw s ÷ apply s)", runs, r => r.ApplyRatio, "F2", $"≥ {RatioTarget:F1}", Verdict(ratio >= RatioTarget));
        Row(output, "  the same with each side's write-back", runs, r => r.ApplyRatioWithWriteback, "F2");
        Row(output, "settings (Windows + Network Settings) [agent]", runs, r => r.Step(5).AgentSeconds + r.Step(6).AgentSeconds);
        Row(output, "Setup Operating System (GRUB, fstab, agent) [agent]", runs, r => r.Step(OsdSequence.Setup).AgentSeconds);
        Row(output, "restart: Setup OS end → last step start [console]", runs, r => r.RestartIntoInstalled);
        Row(output, "  of which the boot (agent exits → agent starts) [console]", runs, r => r.SecondBoot);
        Row(output, "last step, in the installed system [agent]", runs, r => r.Step(OsdSequence.Last).AgentSeconds);
        Row(output, "power-on → Succeeded [host]", runs, r => r.Succeeded);
        Row(output, "  boots (both) [console]", runs, r => r.FirstBoot + r.SecondBoot);
        Row(output, "  steps' own work, all 9 [agent]", runs, r => r.StepWork);
        Row(output, "  orchestration overhead (the rest)", runs, r => r.Overhead);
        var overhead = Median(runs.Select(r => r.OverheadShare));
        Row(output, "  overhead, % of power-on → Succeeded", runs, r => r.OverheadShare * 100, "F1", $"≤ {OverheadTarget * 100:F0} %", Verdict(overhead <= OverheadTarget));
        output.WriteLine("Overhead = power-on → Succeeded − both boots − every step's own time as the agent logged it: registration, check-ins,");
        output.WriteLine("dispatch and result round trips, journal writes outside the steps, the agent's own start (twice) and its restart report.");
        output.WriteLine("The raw extract step's own time counts as step work. Times read on one machine shared with other work: note the load.");
    }

    public static async Task WriteJsonAsync(string path, OsdOptions options, OsdImageFacts image, IReadOnlyList<OsdRunFigures> runs)
    {
        var document = new
        {
            benchmark = "osd",
            format = options.Format.ToString(),
            image = new { file = Path.GetFileName(image.Path), image.FileBytes, image.TarBytes, image.TarEntries, image.PayloadFiles, image.PayloadBytes, image.Kernel },
            runs = runs.Select(r => new
            {
                r.Accelerator, r.LoadAverage, r.KernelPanics, r.Registered, r.FirstBoot, r.RawWritebackBefore, r.RawExtract, r.RawWritebackAfter, r.RawFiles, r.RawKib, r.ApplyTally,
                r.SecondBoot, r.RestartIntoInstalled, r.Succeeded, r.StepWork, r.Overhead, r.OverheadShare, r.ApplyRatio, r.ApplyRatioWithWriteback,
                steps = r.Steps.Select(s => new { s.Name, s.AgentSeconds, s.ServerSeconds, HostStart = s.HostStart.TotalSeconds, HostEnd = s.HostEnd.TotalSeconds }),
            }),
            median = new
            {
                succeeded = Median(runs.Select(r => r.Succeeded)),
                applyRatio = Median(runs.Select(r => r.ApplyRatio)),
                overheadShare = Median(runs.Select(r => r.OverheadShare)),
            },
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, JsonOptions));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Verdict(bool met) => met ? "PASS" : "MISS";

    private static void Row(TextWriter output, string label, IReadOnlyList<OsdRunFigures> runs, Func<OsdRunFigures, double> figure, string format = "F1",
        string target = "", string verdict = "")
    {
        var values = runs.Select(figure).ToList();
        Row(output, label, values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)), Median(values).ToString(format, CultureInfo.InvariantCulture), target, verdict);
    }

    private static void Row(TextWriter output, string label, IEnumerable<string> figures, string median, string target, string verdict)
    {
        var line = label.PadRight(LabelWidth) + string.Concat(figures.Select(f => f.PadLeft(FigureWidth))) + median.PadLeft(FigureWidth);
        if (target.Length > 0 || verdict.Length > 0)
        {
            line += target.PadLeft(10) + verdict.PadLeft(6);
        }

        output.WriteLine(line.TrimEnd());
    }
}
