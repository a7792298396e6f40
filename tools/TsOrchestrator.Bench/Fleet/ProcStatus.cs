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

        // The command name in brackets may hold spaces: fields are counted after its closing bracket.
        var fields = File.ReadAllText(path)[(File.ReadAllText(path).LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }
}
