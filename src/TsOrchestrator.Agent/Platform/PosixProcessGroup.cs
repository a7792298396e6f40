using System.Diagnostics;

namespace TsOrchestrator.Agent.Platform;

/// <summary>
/// A process group of the step program's own: the agent starts itself as <see cref="ProcessGroupEntry"/>, which makes
/// a new session (<c>setsid</c>), records its group and then becomes the program (<c>exec</c>), so the program and
/// everything it starts — unless it makes a session of its own — end with one <c>kill(-group)</c>.
/// </summary>
internal sealed class PosixProcessGroup(IReadOnlyList<string> agentCommand, string recordPath) : IStepProcessGroup
{
    public void Prepare(ProcessStartInfo start)
    {
        var program = Resolve(start.FileName);
        var arguments = start.ArgumentList.ToList();
        start.FileName = agentCommand[0];
        start.ArgumentList.Clear();
        foreach (var argument in (string[])[.. agentCommand.Skip(1), ProcessGroupEntry.Command, recordPath, "--", program, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
    }

    public void Kill(Process process)
    {
        // The entry's pid is the group's id: it called setsid before it became the program.
        PosixProcesses.KillGroup(process.Id);
        ProcessGroups.AwaitGroupEnd(process.Id);
        Release();
    }

    public void Release() => ProcessGroupRecord.Delete(recordPath);

    /// <summary>
    /// The program's path as <see cref="Process.Start()"/> would find it (from the agent's folder, not the step's, then
    /// the PATH): the entry's <c>exec</c> would look elsewhere, and a missing program must still fail the start.
    /// </summary>
    private static string Resolve(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? Path.GetFullPath(program) : throw new FileNotFoundException($"{program} does not exist", program);
        }

        return Handlers.ExecutableSearch.Find(program) ?? throw new FileNotFoundException($"{program} is not on the PATH", program);
    }
}
