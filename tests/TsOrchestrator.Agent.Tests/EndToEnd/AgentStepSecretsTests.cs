using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>
/// Step secrets are stored encrypted by the server, yet the real agent gets them in clear and its steps use them.
/// </summary>
public sealed class AgentStepSecretsTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private const string Secret = "E2E-Clear-Join-Secret";

    [Fact]
    public async Task A_secret_dynamic_variable_reaches_the_next_step_in_clear_and_is_stored_nowhere_in_clear()
    {
        using var device = new DeviceUnderTest(server);
        var files = device.Files;
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "E2ESEC01", "name": "Secret variable", "nodes": [
              {"kind": "step", "name": "Set secret", "type": "SetDynamicVariables",
               "settings": {"Rules": "[{\"set\": {\"JoinSecret\": \"{{{Secret}}}\"}, \"secret\": [\"JoinSecret\"]}]"}},
              {"kind": "step", "name": "Use secret", "type": "RunShellScript", "settings": {"Script": "printf '%s' \"$JoinSecret\" > {{{files}}}/secret.txt"}}
            ]}
            """);

        await device.RunUntilIdleAsync();

        (await Site.OnlyRunAsync(server, deploymentId)).Summary.Status.ShouldBe("Succeeded", device.Output);
        File.ReadAllText(Path.Combine(files, "secret.txt")).ShouldBe(Secret);
        device.Output.ShouldNotContain(Secret);

        // The database and its write-ahead log byte for byte, read from this process (never the server's own).
        foreach (var file in Directory.GetFiles(server.DataDirectory, "tsorchestrator.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            (await reader.ReadToEndAsync()).ShouldNotContain(Secret, Case.Sensitive, $"{Path.GetFileName(file)} holds the secret in clear");
        }
    }
}
