using System.Diagnostics;

namespace TsOrchestrator.Cli.Tests.Support;

/// <summary>
/// Runs a real program to its end and keeps what it wrote: the one way the CLI tests start tsorch, dotnet and the agent.
/// A program that outlives <c>timeout</c> is killed with its children, and the test fails with what it wrote so far.
/// </summary>
internal static class ProcessRun
{
    public sealed record Result(int ExitCode, string Output, string Error);

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public static async Task<Result> RunAsync(
        string program, IEnumerable<string> args, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', args)} did not finish: {await output}{await error}");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
