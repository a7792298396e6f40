using System.CommandLine;

namespace TsOrchestrator.Agent.Configuration;

/// <summary>The agent's options: each from its command-line option, else its <c>TSORCH_AGENT_*</c> environment variable.</summary>
internal static class AgentCommandLine
{
    public static readonly Option<string[]> Server = new("--server")
    {
        Description = "Server URL; repeat it (or separate URLs with commas) for several nodes of one site, tried in order on failure (TSORCH_AGENT_SERVER, comma-separated)",
        Recursive = true,
    };
    public static readonly Option<string?> EnrollmentToken = new("--enrollment-token") { Description = "The site's enrollment token, for the first start (TSORCH_AGENT_ENROLLMENT_TOKEN)", Recursive = true };
    public static readonly Option<string?> StateDirectory = new("--state-dir") { Description = "Folder for the device key, journal, logs and cache (TSORCH_AGENT_STATE_DIR)", Recursive = true };
    public static readonly Option<string?> RestartModeOption = new("--restart-mode") { Description = "reboot (default) or exit: exit with code 194 and let a supervisor start the agent again (TSORCH_AGENT_RESTART_MODE)", Recursive = true };
    public static readonly Option<int?> CheckInSeconds = new("--check-in-interval") { Description = "Seconds between check-ins (default 300)", Recursive = true };
    public static readonly Option<double?> WatchSeconds = new("--run-watch-interval") { Description = "Seconds between checks that a running step's run is still wanted (default 5)", Recursive = true };
    public static readonly Option<bool> BootMedia = new("--boot-media") { Description = "The device runs from boot media (TSORCH_AGENT_BOOT_MEDIA=true)", Recursive = true };
    public static readonly Option<bool> StateToDisk = new("--state-to-disk")
    {
        Description = "The state folder is in RAM (a boot image): once Format and Partition Disk has made file systems, exit with code 195 for the supervisor to move it onto the disk and start the agent again (TSORCH_AGENT_STATE_TO_DISK=true)",
        Recursive = true,
    };

    public static readonly Option<string?> TargetRoot = new("--target-root") { Description = "Root folder that OS image steps apply into and capture from (TSORCH_AGENT_TARGET_ROOT)", Recursive = true };

    public static readonly Option<string[]> Disk = new("--disk") { Description = "A whole disk disk steps may use, repeatable in order (disk 0 first); replaces discovery of the real disks (TSORCH_AGENT_DISKS, comma-separated)", Recursive = true };
    public static readonly Option<string?> MountRoot = new("--mount-root") { Description = "Folder the agent mounts target partitions under (default /run/tsorch/targets; TSORCH_AGENT_MOUNT_ROOT)", Recursive = true };

    public static readonly Option<string?> LogFormat = new("--log-format") { Description = "text (default) or json: one JSON object a line, for a log store (TSORCH_AGENT_LOG_FORMAT)", Recursive = true };

    public static IEnumerable<Option> All => [Server, EnrollmentToken, StateDirectory, RestartModeOption, CheckInSeconds, WatchSeconds, BootMedia, StateToDisk, TargetRoot, Disk, MountRoot, LogFormat];

    /// <summary>The agent's log on standard error, in the format asked for.</summary>
    public static AgentLog Log(ParseResult parse)
    {
        var format = parse.GetValue(LogFormat) ?? Environment.GetEnvironmentVariable("TSORCH_AGENT_LOG_FORMAT") ?? "text";
        return format.ToLowerInvariant() switch
        {
            "text" => new AgentLog(Console.Error, TimeProvider.System),
            "json" => new AgentLog(Console.Error, TimeProvider.System, AgentLogFormat.Json),
            _ => throw new AgentUsageException($"--log-format: '{format}' is neither text nor json"),
        };
    }

    public static AgentOptions Read(ParseResult parse)
    {
        var servers = Servers(parse);
        var mode = parse.GetValue(RestartModeOption) ?? Environment.GetEnvironmentVariable("TSORCH_AGENT_RESTART_MODE") ?? "reboot";
        if (!Enum.TryParse<RestartMode>(mode, ignoreCase: true, out var restartMode) || !Enum.IsDefined(restartMode))
        {
            throw new AgentUsageException($"--restart-mode: '{mode}' is neither reboot nor exit");
        }

        var checkIn = parse.GetValue(CheckInSeconds) ?? 300;
        if (checkIn is < 1 or > 86_400)
        {
            throw new AgentUsageException("--check-in-interval: give 1 to 86400 seconds");
        }

        var watch = parse.GetValue(WatchSeconds) ?? 5;
        if (watch is < 0.05 or > 3_600)
        {
            throw new AgentUsageException("--run-watch-interval: give 0.05 to 3600 seconds");
        }

        return new AgentOptions
        {
            Servers = servers,
            EnrollmentToken = parse.GetValue(EnrollmentToken) ?? Environment.GetEnvironmentVariable("TSORCH_AGENT_ENROLLMENT_TOKEN"),
            StateDirectory = Path.GetFullPath(parse.GetValue(StateDirectory) ?? Environment.GetEnvironmentVariable("TSORCH_AGENT_STATE_DIR") ?? DefaultStateDirectory()),
            RestartMode = restartMode,
            CheckInInterval = TimeSpan.FromSeconds(checkIn),
            RunWatchInterval = TimeSpan.FromSeconds(watch),
            InBootMedia = parse.GetValue(BootMedia) || Environment.GetEnvironmentVariable("TSORCH_AGENT_BOOT_MEDIA") is "true" or "1",
            StateToDisk = parse.GetValue(StateToDisk) || Environment.GetEnvironmentVariable("TSORCH_AGENT_STATE_TO_DISK") is "true" or "1",
            TargetRoot = parse.GetValue(TargetRoot) ?? Environment.GetEnvironmentVariable("TSORCH_AGENT_TARGET_ROOT"),
            Disks = Disks(parse),
            MountRoot = Path.GetFullPath(parse.GetValue(MountRoot) ?? Environment.GetEnvironmentVariable("TSORCH_AGENT_MOUNT_ROOT") ?? "/run/tsorch/targets"),
        };
    }

    /// <summary>Every server URL given, in order, without repeats: <c>--server</c> (repeated or comma-separated), else the environment.</summary>
    private static Uri[] Servers(ParseResult parse)
    {
        var given = parse.GetValue(Server) is { Length: > 0 } options ? options
            : Environment.GetEnvironmentVariable("TSORCH_AGENT_SERVER") is { Length: > 0 } variable ? [variable]
            : throw new AgentUsageException("no server: give --server or set TSORCH_AGENT_SERVER");
        var servers = new List<Uri>();
        foreach (var server in given.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new AgentUsageException($"--server: '{server}' is not an http(s) URL");
            }

            if (!servers.Contains(uri))
            {
                servers.Add(uri);
            }
        }

        return servers.Count > 0 ? [.. servers] : throw new AgentUsageException("no server: give --server or set TSORCH_AGENT_SERVER");
    }

    private static string[] Disks(ParseResult parse)
    {
        var disks = parse.GetValue(Disk) is { Length: > 0 } given ? given
            : (Environment.GetEnvironmentVariable("TSORCH_AGENT_DISKS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var disk in disks)
        {
            if (!disk.StartsWith("/dev/", StringComparison.Ordinal))
            {
                throw new AgentUsageException($"--disk: '{disk}' is not a device node under /dev");
            }
        }

        return disks;
    }

    /// <summary>A service's folder when run as root (as systemd's unit does), else one in the user's home.</summary>
    private static string DefaultStateDirectory() =>
        OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "TsOrchestrator", "Agent")
        : Environment.UserName == "root" ? "/var/lib/tsorch-agent"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state", "tsorch-agent");
}
