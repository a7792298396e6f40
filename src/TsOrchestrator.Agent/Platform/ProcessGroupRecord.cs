using System.Globalization;

namespace TsOrchestrator.Agent.Platform;

/// <summary>
/// <c>step-processes</c> in the state folder: the process group of the step program running now, and the boot it
/// belongs to (a group id from before a reboot names nothing of ours). Written by the program's own process once it
/// leads its group, before it becomes the step's program, so that an agent killed at any moment still finds it.
/// </summary>
internal static class ProcessGroupRecord
{
    public const string FileName = "step-processes";

    public static string PathIn(string stateDirectory) => Path.Combine(stateDirectory, FileName);

    public static void Write(string path, int processGroup)
    {
        var temporary = $"{path}.{processGroup}.tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes($"process-group {processGroup} boot {BootId()}\n"));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(path)!);
    }

    /// <summary>The group the record names, if it is of this boot; null when there is none or it cannot be read.</summary>
    public static int? Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts is ["process-group", var id, "boot", var boot]
               && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var group) && group > 1
               && boot == BootId()
            ? group
            : null;
    }

    public static void Delete(string path) => File.Delete(path);

    private static string BootId() =>
        File.Exists("/proc/sys/kernel/random/boot_id") ? File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim() : "unknown";
}
