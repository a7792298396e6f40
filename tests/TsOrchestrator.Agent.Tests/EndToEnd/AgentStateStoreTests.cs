using System.Net.Http.Headers;
using System.Net.Http.Json;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Serialization;
using TsOrchestrator.Contracts.StateMigration;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>
/// User state through the server's state migration point, with the real agent and server processes: one run requests
/// a store, captures into it and releases it; another requests it for restore, restores and releases it.
/// </summary>
public sealed class AgentStateStoreTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [Fact]
    public async Task User_state_captured_to_the_state_migration_point_in_one_run_restores_byte_identical_in_another()
    {
        using var device = new DeviceUnderTest(server);
        var root = Directory.CreateDirectory(Path.Combine(device.Files, "root")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(root, "home", "alice", "Documents")).FullName;
        byte[] thesis = [.. Enumerable.Range(0, 3_000_000).Select(i => (byte)(i * 31 + (i >> 11)))];
        File.WriteAllBytes(Path.Combine(home, "thesis.bin"), thesis);
        File.WriteAllText(Path.Combine(root, "home", "alice", ".profile"), "export EDITOR=vi\n");
        device.TargetRoot = root;
        var capture = await Site.DeployAsync(server, device, """
            {"formatVersion": 1, "id": "SMP00001", "name": "Capture to the state migration point", "nodes": [
              {"kind": "step", "name": "Request State Store", "type": "RequestStateStore", "settings": {"StateStoreRequestType": "Capture", "RetryCount": "2", "RetryTime": "1"}},
              {"kind": "step", "name": "Capture User State", "type": "CaptureUserState", "settings": {"Folders": "home"}},
              {"kind": "step", "name": "Release State Store", "type": "ReleaseStateStore"}
            ]}
            """);
        await device.RunUntilIdleAsync();
        (await Site.OnlyRunAsync(server, capture)).Summary.Status.ShouldBe("Succeeded", device.Output);
        Directory.Delete(Path.Combine(root, "home"), recursive: true);
        Directory.CreateDirectory(Path.Combine(root, "home"));

        var restore = await Site.DeployAsync(server, device, """
            {"formatVersion": 1, "id": "SMP00002", "name": "Restore from the state migration point", "nodes": [
              {"kind": "step", "name": "Request State Store", "type": "RequestStateStore", "settings": {"StateStoreRequestType": "Restore"}},
              {"kind": "step", "name": "Restore User State", "type": "RestoreUserState"},
              {"kind": "step", "name": "Release State Store", "type": "ReleaseStateStore"}
            ]}
            """);
        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, restore);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        File.ReadAllBytes(Path.Combine(home, "thesis.bin")).ShouldBe(thesis);
        File.ReadAllText(Path.Combine(root, "home", "alice", ".profile")).ShouldBe("export EDITOR=vi\n");
        var store = (await StoresAsync()).Where(s => s.SourceDeviceId == device.DeviceId).ShouldHaveSingleItem();
        store.Status.ShouldBe("Released");
        store.SizeBytes.ShouldBeGreaterThan(thesis.Length);
        store.DeleteAfter.ShouldNotBeNull();
        var staging = Path.Combine(device.StateDirectory, "state-stores");
        (Directory.Exists(staging) ? Directory.GetFileSystemEntries(staging) : []).ShouldBeEmpty("no user data stays in the agent's folder");
    }

    [Fact]
    public async Task Restore_request_without_captured_state_fails_the_step_with_the_server_s_reason()
    {
        using var device = new DeviceUnderTest(server);
        var root = Directory.CreateDirectory(Path.Combine(device.Files, "root")).FullName;
        device.TargetRoot = root;
        var restore = await Site.DeployAsync(server, device, """
            {"formatVersion": 1, "id": "SMP00003", "name": "Restore with nothing captured", "nodes": [
              {"kind": "step", "name": "Request State Store", "type": "RequestStateStore", "settings": {"StateStoreRequestType": "Restore", "RetryCount": "0"}},
              {"kind": "step", "name": "Restore User State", "type": "RestoreUserState"}
            ]}
            """);

        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, restore);
        run.Summary.Status.ShouldBe("Failed", device.Output);
        var step = run.History.ShouldHaveSingleItem();
        step.Name.ShouldBe("Request State Store");
        step.Reason.ShouldNotBeNull().ShouldContain($"no captured, unreleased user state of device '{device.DeviceId}'");
    }

    private async Task<List<StateStoreInfo>> StoresAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(server.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Key);
        return (await client.GetFromJsonAsync<List<StateStoreInfo>>("/api/v1/state-stores", ContractJson.Options))!;
    }
}
