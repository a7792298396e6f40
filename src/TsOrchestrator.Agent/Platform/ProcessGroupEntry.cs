namespace TsOrchestrator.Agent.Platform;

/// <summary>
/// <c>tsorch-agent __step-process-group &lt;record&gt; -- &lt;program&gt; [arguments]</c>: what the agent starts in place
/// of a step's program. It leads a new process group, writes the group to the record, and replaces itself with the
/// program, which keeps its pid, standard streams, environment and folder. Not a command for people.
/// </summary>
internal static class ProcessGroupEntry
{
    public const string Command = "__step-process-group";

    public static int Run(string[] args)
    {
        if (args is not [Command, var record, "--", var program, .. var arguments])
        {
            Console.Error.WriteLine($"tsorch-agent {Command}: give <record> -- <program> [arguments]");
            return 2;
        }

        var group = PosixProcesses.NewSession();
        ProcessGroupRecord.Write(record, group);
        var error = PosixProcesses.Exec(program, arguments);
        Console.Error.WriteLine($"tsorch-agent: {program} could not be started (errno {error})");
        return 127;
    }
}
