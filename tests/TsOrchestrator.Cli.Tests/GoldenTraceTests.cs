using TsOrchestrator.Cli.Tests.Support;

namespace TsOrchestrator.Cli.Tests;

/// <summary>
/// Recorded traces of every template on a scripted device, replayed: the engine is deterministic, so
/// any change in a trace is a change in behaviour to look at. Set TSORCH_UPDATE_GOLDEN=1 to record anew.
/// </summary>
public sealed class GoldenTraceTests
{
    private const string Facts = """
        "facts": {"os": "windows", "osVersion": "10.0.19045", "architecture": "x64", "bootUefi": true},
         "variables": {"OSDComputerName": "PC-042"}
        """;

    // An outcome for a step a template lacks is an error, so each template's scenario scripts only the steps it has.
    private static readonly (string Step, string Outcomes)[] Outcomes =
        [("Install Applications", "[1]"), ("Install Updates", "[\"unexpected-restart\", 0]"), ("Setup Windows and Configuration Manager", "[3010]")];

    public static TheoryData<string> Templates() => new(Tsorch.Templates.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_trace_matches_its_recording(string template)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(Tsorch.TemplatesFolder, template);
        var text = File.ReadAllText(path);
        var outcomes = Outcomes.Where(o => text.Contains($"\"name\": \"{o.Step}\"", StringComparison.Ordinal)).Select(o => $"\"{o.Step}\": {o.Outcomes}");
        var scenario = folder.Write("scenario.json", $"{{{Facts}, \"outcomes\": {{{string.Join(", ", outcomes)}}}}}");

        // The Windows agent the facts describe: steps it would refuse fail as they would on the device.
        var trace = Tsorch.Run("simulate", path, "--scenario", scenario, "--json", "--profile", "windows").Output;

        var golden = Path.Combine(GoldenFolder(), template.Replace(".tsq.json", ".trace.json", StringComparison.Ordinal));
        if (Environment.GetEnvironmentVariable("TSORCH_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, trace);
        }

        File.Exists(golden).ShouldBeTrue($"no recording at {golden}: run with TSORCH_UPDATE_GOLDEN=1");
        trace.ShouldBe(File.ReadAllText(golden));
    }

    private static string GoldenFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "TsOrchestrator.Cli.Tests", "Golden");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/TsOrchestrator.Cli.Tests/Golden was not found above the test binaries");
    }
}
