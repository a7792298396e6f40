using System.Text.RegularExpressions;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Testing;
using Xunit.Abstractions;

namespace TsOrchestrator.Cli.Tests.Readme;

/// <summary>
/// Issue 17: the README's quick start and first deployment work as written. The test reads the commands out of README.md
/// and runs each against the real server and agent processes, putting in the ids the earlier commands printed where
/// the README shows example ids.
/// </summary>
public sealed partial class ReadmeWalkthroughTests(ServerProcess server, ITestOutputHelper log) : IClassFixture<ServerProcess>
{
    [Fact]
    public void Quick_start_simulation_of_a_template_succeeds()
    {
        var simulate = TsorchLines(Section("## Quick start")).Single(l => l.StartsWith("simulate", StringComparison.Ordinal));

        var result = Tsorch.Run(Arguments(simulate));

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("Result: Succeeded");
    }

    [Fact]
    public async Task First_deployment_runs_the_sample_sequence_on_an_agent_to_success()
    {
        using var state = new TempFolder();
        (await RunAgentOnceAsync(state.Path)).ShouldBe(0, "the agent registers");
        var examples = new Dictionary<string, string>();
        string? runId = null;

        foreach (var line in TsorchLines(Section("## Your first deployment")))
        {
            var command = examples.Aggregate(line, (text, example) => text.Replace(example.Key, example.Value, StringComparison.Ordinal));
            if (command.Contains("RUN…", StringComparison.Ordinal))
            {
                (await RunAgentOnceAsync(state.Path)).ShouldBe(0, "the agent checks in and runs the required deployment");
                runId ??= RunId().Match(Tsorch.Run(["runs", "list", "--server", server.Url, "--key", server.Key]).Output).Value;
                command = command.Replace("RUN…", runId, StringComparison.Ordinal);
            }

            var result = Tsorch.Run([.. Arguments(command), "--server", server.Url, "--key", server.Key]);
            result.ExitCode.ShouldBe(0, $"{command}\n{result.Output}{result.Error}");
            LearnExamples(line, result.Output, examples);
        }

        runId.ShouldNotBeNull("the README watches the run");
        var watched = Tsorch.Run(["runs", "get", runId, "--server", server.Url, "--key", server.Key]).Output;
        watched.ShouldContain("Succeeded (3 steps run, 0 failed)");
    }

    /// <summary>The README's comments show what a command prints (e.g. <c># created COLBE12BC3D 'Lab'</c>): the real id replaces the example from then on.</summary>
    private static void LearnExamples(string line, string output, Dictionary<string, string> examples)
    {
        var comment = line.IndexOf('#', StringComparison.Ordinal);
        if (comment < 0)
        {
            return;
        }

        foreach (var prefix in new[] { "DEV", "COL" })
        {
            var example = Regex.Match(line[comment..], $@"\b{prefix}[0-9A-F]{{8,}}\b");
            var real = Regex.Match(output, $@"\b{prefix}[0-9A-F]{{8,}}\b");
            if (example.Success && real.Success)
            {
                examples[example.Value] = real.Value;
            }
        }
    }

    /// <summary>The agent's exit code; what it wrote goes to the test's output, which a failing test shows.</summary>
    private async Task<int> RunAgentOnceAsync(string stateDirectory)
    {
        var agent = await ProcessRun.RunAsync("dotnet", [RepositoryPaths.Built("TsOrchestrator.Agent", "tsorch-agent.dll"), "run", "--once", "--server", server.Url,
            "--enrollment-token", ServerProcess.EnrollmentToken, "--state-dir", stateDirectory, "--restart-mode", "exit"], TimeSpan.FromMinutes(3));
        log.WriteLine($"agent exit {agent.ExitCode}: {agent.Output}{agent.Error}");
        return agent.ExitCode;
    }

    private static string Section(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"README.md has a section '{heading}'");
        var end = readme.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    /// <summary>Every <c>tsorch …</c> command of the section's shell blocks, without the word tsorch.</summary>
    private static List<string> TsorchLines(string section) =>
        ShellBlock().Matches(section).SelectMany(m => m.Groups[1].Value.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("tsorch ", StringComparison.Ordinal))
            .Select(l => l["tsorch ".Length..])
            .ToList();

    private static string[] Arguments(string command)
    {
        var comment = command.IndexOf(" #", StringComparison.Ordinal);
        return (comment < 0 ? command : command[..comment]).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a.StartsWith("workflows/", StringComparison.Ordinal) ? Path.Combine(RepositoryPaths.Root, a) : a)
            .ToArray();
    }

    [GeneratedRegex("```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"\bRUN[0-9A-F]{8,}\b")]
    private static partial Regex RunId();
}
