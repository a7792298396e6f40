namespace TsOrchestrator.Cli.Tests.Support;

/// <summary>Runs tsorch in process (fast) or as the real built program.</summary>
internal static class Tsorch
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApp.Run(args, output, error);
        return new Result(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The real <c>tsorch</c> process, as a user runs it.</summary>
    public static Task<Result> RunProcessAsync(params string[] args) => RunProcessAsync(new Dictionary<string, string>(), args);

    /// <summary>The real <c>tsorch</c> process with more environment variables (e.g. a collector for its traces).</summary>
    public static async Task<Result> RunProcessAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var run = await ProcessRun.RunAsync(
            "dotnet", [Path.Combine(AppContext.BaseDirectory, "tsorch.dll"), .. args], environment: environment);
        return new Result(run.ExitCode, run.Output, run.Error);
    }

    public static string TemplatesFolder => Path.Combine(AppContext.BaseDirectory, "templates");

    public static IEnumerable<string> Templates => Directory.EnumerateFiles(TemplatesFolder, "*.tsq.json").Order(StringComparer.Ordinal);

    /// <summary>The five templates as <c>--platform linux</c> gives them: linux/ where the template has a Linux version, else the shared one.</summary>
    public static IEnumerable<string> LinuxTemplates => Templates.Select(t =>
        Path.Combine(TemplatesFolder, "linux", Path.GetFileName(t)) is var linux && File.Exists(linux) ? linux : t);
}
