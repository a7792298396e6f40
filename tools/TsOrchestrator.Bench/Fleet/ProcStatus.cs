namespace TsOrchestrator.Bench.Fleet;

/// <summary>Memory figures of a process from Linux's /proc/&lt;pid&gt;/status.</summary>
internal static class ProcStatus
{
    public static long KilobytesOf(int pid, string field)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return 0;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>CPU time the process used so far, user and system (the kernel counts in 1/100 s ticks).</summary>
    public static double CpuSeconds(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return 0;
        }

        return TicksIn(path) / 100.0;
    }

    /// <summary>
    /// CPU ticks so far of each live thread of the process, by thread id, with its name (.NET names its threads: ".NET TP
    /// Worker" for request work, ".NET Tiered Com" for the background JIT, ".NET Server GC"...). A thread that ends between
    /// two readings takes its ticks with it, so a breakdown is the live threads' share of the process's total.
    /// </summary>
    public static Dictionary<int, (string Name, long Ticks)> ThreadTicks(int pid)
    {
        var threads = new Dictionary<int, (string, long)>();
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return threads;
        }

        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                threads[int.Parse(Path.GetFileName(task), System.Globalization.CultureInfo.InvariantCulture)] =
                    (File.ReadAllText(Path.Combine(task, "comm")).Trim(), TicksIn(Path.Combine(task, "stat")));
            }
            catch (IOException)
            {
                // The thread ended while it was read.
            }
        }

        return threads;
    }

    private static long TicksIn(string statPath)
    {
        // The command name in brackets may hold spaces: fields are counted after its closing bracket.
        var text = File.ReadAllText(statPath);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
    }
}
