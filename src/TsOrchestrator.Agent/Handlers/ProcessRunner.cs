using System.Diagnostics;
using System.Text;
using TsOrchestrator.Agent.Platform;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Runs a step's program as the agent's user with the run's variables in its environment, streams its output into
/// the step log and, on time-out or cancellation, kills its whole process group (<see cref="IStepProcessGroup"/>: the
/// children that left the tree too) and tree.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>Configuration Manager keeps at most this much of a command's output in the output variable.</summary>
    private const int OutputLimit = 1000;

    /// <summary>Runs a program in the step's "Start in" folder, else the step's own folder.</summary>
    public static Task<ProcessOutcome> RunAsync(string fileName, IEnumerable<string> arguments, StepContext context, CancellationToken cancellationToken) =>
        RunAsync(fileName, arguments, context, workingDirectory: null, cancellationToken);

    /// <summary>A command line through the platform's shell (<c>/bin/sh -c</c>, <c>cmd.exe /c</c>); a given folder overrides "Start in".</summary>
    public static Task<ProcessOutcome> RunCommandLineAsync(string commandLine, StepContext context, string? workingDirectory, CancellationToken cancellationToken)
    {
        var (shell, arguments) = AgentPlatforms.Current.ShellCommand(commandLine);
        return RunAsync(shell, arguments, context, workingDirectory, cancellationToken);
    }

    private static async Task<ProcessOutcome> RunAsync(string fileName, IEnumerable<string> arguments, StepContext context, string? workingDirectory,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? (context.Setting("WorkingDirectory") is { Length: > 0 } folder ? folder : context.WorkDirectory),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in context.Variables)
        {
            if (IsEnvironmentName(name))
            {
                start.Environment[name] = value;
            }
        }

        if (!Directory.Exists(start.WorkingDirectory))
        {
            throw new StepFailedException($"the working directory {start.WorkingDirectory} does not exist");
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            context.Log.Line(e.Data);
            lock (output)
            {
                if (output.Length < OutputLimit)
                {
                    output.Append(e.Data).Append('\n');
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                context.Log.Line(e.Data);
            }
        };

        var group = AgentPlatforms.Current.ProcessGroupForStep(context.Options.StateDirectory);
        try
        {
            group.Prepare(start);
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            throw new StepFailedException($"{fileName} could not be started: {ex.Message}");
        }

        process.StandardInput.Close(); // a step never waits for a person at the keyboard
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = context.Timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            group.Kill(process);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            var timedOut = timeout.IsCancellationRequested;
            context.Log.Line(timedOut
                ? $"the step ran longer than its time-out of {context.WorkItem.TimeoutMinutes} minutes: its processes were ended"
                : "the run was cancelled: the step's processes were ended");
            return new ProcessOutcome(-1, timedOut, !timedOut, output.ToString());
        }

        group.Release();

        // WaitForExitAsync returns once the output streams are drained as well.
        string captured;
        lock (output)
        {
            captured = output.ToString();
        }

        return new ProcessOutcome(process.ExitCode, false, false, captured.Length > OutputLimit ? captured[..OutputLimit] : captured);
    }

    /// <summary>The result a process's outcome gives, with the output variable set when the step names one.</summary>
    public static Contracts.Agents.WorkItemResult ToResult(ProcessOutcome outcome, StepContext context)
    {
        if (outcome.TimedOut || outcome.Cancelled)
        {
            return new Contracts.Agents.WorkItemResult
            {
                ExitCode = outcome.ExitCode,
                Succeeded = false,
                Message = outcome.TimedOut ? $"timed out after {context.WorkItem.TimeoutMinutes} minutes" : "cancelled",
            };
        }

        var variables = context.Setting("OutputVariableName") is { Length: > 0 } name
            ? new Dictionary<string, string> { [name] = outcome.Output.TrimEnd('\n') }
            : null;
        return new Contracts.Agents.WorkItemResult
        {
            ExitCode = outcome.ExitCode,
            Variables = variables,
            Message = outcome.ExitCode == 0 ? null : $"exit code {outcome.ExitCode}; last output:\n{context.Log.Tail()}",
        };
    }

    private static bool IsEnvironmentName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
