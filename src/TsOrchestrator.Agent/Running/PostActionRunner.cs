using System.Diagnostics;
using TsOrchestrator.Agent.Platform;

namespace TsOrchestrator.Agent.Running;

/// <summary>
/// Runs <c>SMSTSPostAction</c> once a run has ended (TS-SEMANTICS §2.19), as Configuration Manager does after the task
/// sequence finishes: typically a final restart or shutdown. The run's result is already settled on the server and the
/// journal is clear, so whatever the command does (even restarting the device under the agent) changes nothing about
/// the run; its outcome is only logged.
/// </summary>
internal sealed class PostActionRunner(AgentLog log, SecretMask mask)
{
    /// <summary>How long the agent waits for the command before going on without it (it is left running).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(30);

    public async Task RunAsync(string runId, string commandLine, CancellationToken cancellationToken)
    {
        // A post action set from a secret variable comes revealed: the command line and its output are masked in the log.
        log.Info($"run {runId}: post action (SMSTSPostAction): {mask.Apply(commandLine)}");
        var (shell, arguments) = AgentPlatforms.Current.ShellCommand(commandLine);
        var start = new ProcessStartInfo(shell)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Line(runId, e.Data);
        process.ErrorDataReceived += (_, e) => Line(runId, e.Data);
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            log.Error($"run {runId}: the post action could not be started: {mask.Apply(ex.Message)}");
            return;
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            log.Warn($"run {runId}: the post action is still running after {Patience.TotalMinutes} minutes; the agent goes on without it");
            return;
        }

        if (process.ExitCode == 0)
        {
            log.Info($"run {runId}: the post action exited with code 0");
        }
        else
        {
            log.Warn($"run {runId}: the post action exited with code {process.ExitCode}; the run's result stays as it was");
        }
    }

    private void Line(string runId, string? line)
    {
        if (line is not null)
        {
            log.Info($"run {runId}: post action: {mask.Apply(line)}");
        }
    }
}
