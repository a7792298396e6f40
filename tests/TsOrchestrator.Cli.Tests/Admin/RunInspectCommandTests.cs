using System.Net.Http.Headers;
using System.Text.Json;
using Refit;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary><c>tsorch runs inspect</c> against the real server process, the run driven through the agent API.</summary>
public sealed class RunInspectCommandTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private Tsorch.Result Run(params string[] args) => Tsorch.Run([.. args, "--server", server.Url, "--key", server.Key]);

    private Tsorch.Result RunOk(params string[] args)
    {
        var result = Run(args);
        result.ExitCode.ShouldBe(0, $"tsorch {string.Join(' ', args)}: {result.Error}");
        return result;
    }

    [Fact]
    public async Task Runs_inspect_prints_steps_by_name_with_changes_and_one_step_with_its_variables_before()
    {
        var runId = await FinishedRunAsync();

        var all = RunOk("runs", "inspect", runId).Output;
        all.ShouldContain($"{runId}: Succeeded, 3 records");
        all.ShouldContain("Choose edition");
        all.ShouldContain("+ Edition = Pro");
        all.ShouldContain("Skipped   Apps/Never");
        all.ShouldContain("condition: If all: 1st condition (variable Edition equals Home) false");
        all.ShouldContain("Succeeded Apps/Install, exit 0");
        all.ShouldContain("+ Installed = yes");

        var one = RunOk("runs", "inspect", runId, "--step", "Apps/Install").Output;
        one.ShouldContain("variables before (");
        one.ShouldContain("        Edition = Pro");
        one.ShouldNotContain("        Installed = yes"); // not among the variables before
        one.ShouldContain("      + Installed = yes");
        one.Split('\n').Count(l => l.StartsWith("  #", StringComparison.Ordinal)).ShouldBe(1);

        var json = JsonDocument.Parse(RunOk("runs", "inspect", runId, "--step", "1/1", "--json").Output).RootElement;
        var step = json.GetProperty("steps").EnumerateArray().Single();
        step.GetProperty("namePath").GetString().ShouldBe("Apps/Install");
        step.GetProperty("after").GetProperty("Installed").GetString().ShouldBe("yes");

        var bad = Run("runs", "inspect", runId, "--step", "Apps/Nothing");
        bad.ExitCode.ShouldNotBe(0);
        bad.Error.Trim().ShouldStartWith("tsorch: 400 Invalid request: step: 'Apps/Nothing' is not a step of run");
    }

    /// <summary>A run of Set variable, a skipped step and a command whose result sets a variable, finished through the agent API.</summary>
    private async Task<string> FinishedRunAsync()
    {
        using var folder = new TempFolder();
        var file = folder.Write("inspect.tsq.json", """
            {"formatVersion": 1, "id": "INS00001", "name": "Inspected", "nodes": [
              {"kind": "step", "name": "Choose edition", "type": "SetTaskSequenceVariable", "settings": {"VariableName": "Edition", "VariableValue": "Pro"}},
              {"kind": "group", "name": "Apps", "children": [
                {"kind": "step", "name": "Never", "condition": {"type": "if", "kind": "all", "conditions": [{"type": "variable", "variable": "Edition", "operator": "equals", "value": "Home"}]},
                  "type": "RunCommandLine", "settings": {"CommandLine": "never"}},
                {"kind": "step", "name": "Install", "type": "RunCommandLine", "settings": {"CommandLine": "install"}}
              ]}
            ]}
            """);
        var sequenceId = RunOk("ts", "import", file).Output.Split(' ')[1];
        var registered = await Agent().RegisterAsync(new RegisterDeviceRequest
        {
            EnrollmentToken = ServerProcess.EnrollmentToken,
            Facts = new DeviceFacts { Hostname = "INSPECT-01", Os = "linux", OsVersion = "6.1", Architecture = "x64", FreeDiskMb = 100_000 },
        });
        RunOk("devices", "approve", registered.DeviceId);
        var collectionId = RunOk("collections", "create", "Inspect " + Guid.NewGuid().ToString("N")[..6]).Output.Split(' ')[1];
        RunOk("collections", "add-member", collectionId, registered.DeviceId);
        var deploymentId = RunOk("deployments", "create", "--sequence", sequenceId, "--collection", collectionId).Output.Split(' ')[1].TrimEnd(':');
        var agent = Agent(registered.DeviceKey);
        var runId = (await agent.StartDeploymentAsync(deploymentId)).RunId;
        var install = (await agent.GetRunAsync(runId)).WorkItem!;
        install.Name.ShouldBe("Install");
        (await agent.PostResultAsync(runId, install.Id, new WorkItemResult { ExitCode = 0, Variables = new Dictionary<string, string> { ["Installed"] = "yes" } }))
            .Status.ShouldBe("Succeeded");
        return runId;
    }

    private IAgentApi Agent(string? deviceKey = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.Url) };
        if (deviceKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", deviceKey);
        }

        return RestService.For<IAgentApi>(client, new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(JsonSerializerOptions.Web) });
    }
}
