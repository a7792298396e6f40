using System.Globalization;

namespace TsOrchestrator.Agent.Platform;

/// <summary>POSIX process groups of step programs (<see cref="LinuxAgentPlatform"/>), and the end of what an interrupted step left running.</summary>
internal static class ProcessGroups
{
    private static readonly TimeSpan EndWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// At the agent's start, before anything runs: a step program's group still recorded means the agent died while it
    /// ran (the group is released when a program ends), so whatever is left of it is ended — else a retried step would
    /// run beside its first attempt. Returns the group ended, if any.
    /// </summary>
    public static int? EndInterruptedStep(string stateDirectory)
    {
        var path = ProcessGroupRecord.PathIn(stateDirectory);
        var group = ProcessGroupRecord.Read(path);
        if (group is { } id && PosixProcesses.KillGroup(id))
        {
            AwaitGroupEnd(id);
        }
        else
        {
            group = null;
        }

        if (File.Exists(path))
        {
            ProcessGroupRecord.Delete(path);
        }

        return group;
    }

    /// <summary>
    /// Until no process of the group is alive (a killed one may stay a zombie until its parent reaps it, which is no
    /// longer running anything). Bounded: SIGKILL cannot be refused, so this is the kernel's delay only.
    /// </summary>
    internal static void AwaitGroupEnd(int group)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var deadline = Environment.TickCount64 + (long)EndWait.TotalMilliseconds;
        while (LiveMembers(group) > 0 && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(10);
        }
    }

    private static int LiveMembers(int group)
    {
        var live = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                // stat: pid (comm) state ppid pgrp …; comm may hold spaces and parentheses, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z" && int.Parse(fields[2], CultureInfo.InvariantCulture) == group)
                {
                    live++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // Not a process, or one that just ended.
            }
        }

        return live;
    }

    /// <summary>
    /// How to start this agent again: its own binary (the published one, or the build's app host), else the build's
    /// assembly under <c>dotnet</c> (a test host runs the handlers). Null when neither is there.
    /// </summary>
    internal static string[]? AgentCommand()
    {
        var appHost = Path.Combine(AppContext.BaseDirectory, "tsorch-agent");
        if (File.Exists(appHost))
        {
            return [appHost];
        }

        var assembly = Path.Combine(AppContext.BaseDirectory, "tsorch-agent.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : Handlers.ExecutableSearch.Find("dotnet");
        return File.Exists(assembly) && File.Exists(Path.Combine(AppContext.BaseDirectory, "tsorch-agent.runtimeconfig.json")) && dotnet is not null
            ? [dotnet, assembly]
            : null;
    }
}
