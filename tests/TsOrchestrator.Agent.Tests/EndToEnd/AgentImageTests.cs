using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>
/// A refresh through the real agent: the user's files saved to the state store, a clean system captured as an
/// image, the damaged system replaced by the image, the user's files restored (they are in no image).
/// </summary>
public sealed class AgentImageTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [Fact]
    public async Task Captured_image_and_user_state_bring_a_damaged_system_back_byte_for_byte()
    {
        using var device = new DeviceUnderTest(server);
        var root = Directory.CreateDirectory(Path.Combine(device.Files, "root")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "etc"));
        Directory.CreateDirectory(Path.Combine(root, "home", "alice"));
        File.WriteAllText(Path.Combine(root, "etc", "hostname"), "lab-01\n");
        File.WriteAllBytes(Path.Combine(root, "home", "alice", "thesis.bin"), [.. Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7))]);
        device.TargetRoot = root;
        var files = device.Files;
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "IMG00001", "name": "Refresh", "nodes": [
              {"kind": "step", "name": "Save user state", "type": "CaptureUserState", "settings": {"StateStorePath": "{{{files}}}/store"}},
              {"kind": "step", "name": "Leave a clean system", "type": "RunShellScript", "settings": {"Script": "rm -rf {{{root}}}/home"}},
              {"kind": "step", "name": "Capture the system", "type": "CaptureOperatingSystemImage", "settings": {"CaptureDestination": "{{{files}}}/system.tar.zst"}},
              {"kind": "step", "name": "Damage it", "type": "RunShellScript", "settings": {"Script": "echo broken > {{{root}}}/etc/hostname"}},
              {"kind": "step", "name": "Apply the image", "type": "ApplyOperatingSystemImage", "settings": {"ImagePackageID": "{{{files}}}/system.tar.zst"}},
              {"kind": "step", "name": "Restore user state", "type": "RestoreUserState", "settings": {"StateStorePath": "{{{files}}}/store"}}
            ]}
            """);

        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        File.ReadAllText(Path.Combine(root, "etc", "hostname")).ShouldBe("lab-01\n");
        File.ReadAllBytes(Path.Combine(root, "home", "alice", "thesis.bin")).ShouldBe(Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray());
    }
}
