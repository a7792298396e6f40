using System.Net.Http.Headers;
using System.Text.Json;
using Refit;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>From a registered device to a run: devices, collections, deployments and runs through tsorch.</summary>
public sealed class DeploymentCommandsTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private Tsorch.Result Run(params string[] args)
    {
        var result = Tsorch.Run([.. args, "--server", server.Url, "--key", server.Key]);
        result.ExitCode.ShouldBe(0, $"tsorch {string.Join(' ', args)}: {result.Error}");
        return result;
    }

    [Fact]
    public async Task Device_in_a_collection_runs_a_deployment_that_tsorch_lists_cancels_and_watches_to_its_end()
    {
        var (deviceId, deviceKey) = await RegisterDeviceAsync();
        Run("devices", "list").Output.ShouldContain(deviceId);
        Run("devices", "approve", deviceId).Output.ShouldContain("is Approved");
        // A sequence the Linux agent can run: a template with a step it refuses is not started on it (capabilities).
        using var folder = new TempFolder();
        var lab = folder.Write("lab.tsq.json", """
            {"formatVersion": 1, "id": "LAB00001", "name": "Lab", "nodes": [
              {"kind": "step", "name": "Wait", "type": "RunCommandLine", "settings": {"CommandLine": "sleep 600"}}
            ]}
            """);
        var sequenceId = Run("ts", "import", lab).Output.Split(' ')[1];

        var collectionId = Run("collections", "create", "Lab").Output.Split(' ')[1];
        Run("collections", "add-member", collectionId, deviceId);
        Run("collections", "set-variable", collectionId, "OSDUILanguage=en-US");
        Run("collections", "get", collectionId).Output.ShouldContain($"direct members: {deviceId}");
        Run("collections", "variables", collectionId).Output.ShouldContain("en-US");

        var deploymentId = Run("deployments", "create", "--sequence", sequenceId, "--collection", collectionId).Output.Split(' ')[1].TrimEnd(':');
        Run("deployments", "list", "--sequence", sequenceId).Output.ShouldContain(deploymentId);
        Run("runs", "list", "--deployment", deploymentId).Output.Trim().ShouldBe("(none)");

        var runId = (await Agent(deviceKey).StartDeploymentAsync(deploymentId)).RunId;
        var runs = JsonDocument.Parse(Run("runs", "list", "--deployment", deploymentId, "--json").Output).RootElement;
        runs.EnumerateArray().Single().GetProperty("id").GetString().ShouldBe(runId);
        Run("runs", "get", runId).Output.ShouldStartWith($"{runId}: ");

        Run("runs", "cancel", runId);

        // A watch of an ended run prints where it stands and returns; bounded so a regression fails instead of hanging.
        var watch = await Task.Run(() => Run("runs", "watch", runId)).WaitAsync(TimeSpan.FromSeconds(30));
        watch.Output.ShouldContain($"{runId}: Cancelled");
        var lines = (await Task.Run(() => Run("runs", "watch", runId, "--json")).WaitAsync(TimeSpan.FromSeconds(30))).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()).Last().ShouldBe("Cancelled", "--json on watch is JSON Lines");

        Run("deployments", "delete", deploymentId);
        Run("collections", "remove-member", collectionId, deviceId);
        Run("devices", "block", deviceId).Output.ShouldContain("is Blocked");
        Run("audit", "--type", "Collection").Output.ShouldContain("add-member");
    }

    [Fact]
    public void Deployments_update_replaces_the_properties_given_keeps_the_rest_and_refuses_a_bad_one_naming_it()
    {
        using var folder = new TempFolder();
        var sequenceId = Run("ts", "import", folder.Write("edited.tsq.json", """
            {"formatVersion": 1, "id": "EDT00001", "name": "Edited", "nodes": [
              {"kind": "step", "name": "Only", "type": "RunCommandLine", "settings": {"CommandLine": "true"}}
            ]}
            """)).Output.Split(' ')[1];
        var collectionId = Run("collections", "create", "Edited").Output.Split(' ')[1];
        var deploymentId = Run("deployments", "create", "--sequence", sequenceId, "--collection", collectionId).Output.Split(' ')[1].TrimEnd(':');

        Run("deployments", "update", deploymentId, "--purpose", "Required", "--rerun", "NeverRerun", "--outside-maintenance-windows").Output
            .ShouldBe($"updated {deploymentId}: Required, available to ClientsMediaAndPxe, rerun NeverRerun{Environment.NewLine}");
        Run("deployments", "update", deploymentId, "--available-to", "Clients");
        var stored = JsonDocument.Parse(Run("deployments", "list", "--sequence", sequenceId, "--json").Output).RootElement.EnumerateArray().Single();
        stored.GetProperty("purpose").GetString().ShouldBe("Required", "an option not given keeps its stored value");
        stored.GetProperty("rerun").GetString().ShouldBe("NeverRerun");
        stored.GetProperty("allowOutsideMaintenanceWindow").GetBoolean().ShouldBeTrue();
        stored.GetProperty("availableTo").GetString().ShouldBe("Clients");

        var refused = Tsorch.Run("deployments", "update", deploymentId, "--available-at", "2027-01-02T00:00:00Z", "--expires-at", "2027-01-01T00:00:00Z",
            "--server", server.Url, "--key", server.Key);
        refused.ExitCode.ShouldNotBe(0);
        refused.Error.ShouldContain("expiresAt");
        refused.Error.ShouldContain("a deployment expires after it becomes available");
        JsonDocument.Parse(Run("deployments", "list", "--sequence", sequenceId, "--json").Output).RootElement.EnumerateArray().Single()
            .TryGetProperty("expiresAt", out _).ShouldBeFalse("the refused save changed nothing: the deployment still never expires");
    }

    [Fact]
    public async Task Deployments_why_names_the_step_a_device_cannot_run_and_counts_devices_per_reason()
    {
        var (deviceId, _) = await RegisterDeviceAsync();
        using var folder = new TempFolder();
        var shell = folder.Write("shell.tsq.json", """
            {"formatVersion": 1, "id": "WHY00001", "name": "Shell only", "nodes": [
              {"kind": "step", "name": "Probe", "type": "RunShellScript", "settings": {"Script": "true"}}
            ]}
            """);
        var sequenceId = Run("ts", "import", shell).Output.Split(' ')[1];
        var collectionId = Run("collections", "create", "Why").Output.Split(' ')[1];
        Run("collections", "add-member", collectionId, deviceId);
        var deploymentId = Run("deployments", "create", "--sequence", sequenceId, "--collection", collectionId, "--purpose", "Required",
            "--outside-maintenance-windows").Output.Split(' ')[1].TrimEnd(':');

        var device = Run("deployments", "why", deploymentId, "--device", deviceId).Output;
        device.ShouldContain($"{deploymentId} on {deviceId} (LAB-PC-01): not running (offered)");
        device.ShouldContain("  Capability: this device cannot run: Run Shell Script (step 0) on windows full-os");
        device.ShouldContain("runs: not until this changes: this device cannot run");

        var json = JsonDocument.Parse(Run("deployments", "why", deploymentId, "--device", deviceId, "--json").Output).RootElement;
        json.GetProperty("reasons")[0].GetProperty("code").GetString().ShouldBe("Capability");

        var summary = Run("deployments", "why", deploymentId).Output;
        summary.ShouldStartWith($"{deploymentId}: 1 targeted device");
        summary.ShouldContain($"Capability  1        {deviceId}: this device cannot run");
        var counts = JsonDocument.Parse(Run("deployments", "why", deploymentId, "--json").Output).RootElement;
        counts.GetProperty("reasons")[0].GetProperty("devices").GetInt32().ShouldBe(1);

        var unknown = Tsorch.Run("deployments", "why", deploymentId, "--device", "DEVNOPE", "--server", server.Url, "--key", server.Key);
        unknown.ExitCode.ShouldNotBe(0);
        unknown.Error.Trim().ShouldBe("tsorch: 404 Device not found: Device 'DEVNOPE' does not exist or is outside your security scopes (device: not a device of this site)");
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

    private async Task<(string DeviceId, string DeviceKey)> RegisterDeviceAsync()
    {
        var registered = await Agent().RegisterAsync(new RegisterDeviceRequest
        {
            EnrollmentToken = ServerProcess.EnrollmentToken,
            Facts = new DeviceFacts { Hostname = "LAB-PC-01", Os = "windows", OsVersion = "10.0.22631", Architecture = "x64", FreeDiskMb = 100_000 },
        });
        return (registered.DeviceId, registered.DeviceKey);
    }
}
