using System.Diagnostics;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>Regressions of issue 16's defects that live on the device, each with the real agent against the real server.</summary>
public sealed class AgentIssue16DefectTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [Fact]
    public async Task File_version_condition_reads_the_version_resource_of_a_pe_file_and_says_why_other_files_have_none()
    {
        // Issue 16: FileVersion() returned null, so every file-version condition was false. The test assembly is a PE
        // file whose version resource the compiler wrote; .NET's own reader (assembly metadata on Linux) is the oracle.
        var pe = typeof(AgentIssue16DefectTests).Assembly.Location;
        var version = FileVersionInfo.GetVersionInfo(pe).FileVersion;
        version.ShouldNotBeNullOrEmpty();
        using var device = new DeviceUnderTest(server);
        var text = Path.Combine(device.Files, "readme.txt");
        await File.WriteAllTextAsync(text, "no version here");
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "E2E16D01", "name": "File versions", "nodes": [
              {"kind": "step", "name": "Same version", "condition": {"type": "file", "path": "{{{pe}}}", "version": "{{{version}}}"}, "type": "RunShellScript", "settings": {"Script": "true"}},
              {"kind": "step", "name": "At least 0.1", "condition": {"type": "file", "path": "{{{pe}}}", "version": "0.1", "versionOperator": "greaterEqual"}, "type": "RunShellScript", "settings": {"Script": "true"}},
              {"kind": "step", "name": "Newer than it is", "condition": {"type": "file", "path": "{{{pe}}}", "version": "9999.0", "versionOperator": "greaterEqual"}, "type": "RunShellScript", "settings": {"Script": "true"}},
              {"kind": "step", "name": "Text file", "condition": {"type": "file", "path": "{{{text}}}", "version": "1.0", "versionOperator": "greaterEqual"}, "type": "RunShellScript", "settings": {"Script": "true"}}
            ]}
            """);

        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        run.History.Single(h => h.Name == "Same version").Outcome.ShouldBe("Succeeded", device.Output);
        run.History.Single(h => h.Name == "At least 0.1").Outcome.ShouldBe("Succeeded", device.Output);
        run.History.Single(h => h.Name == "Newer than it is").Outcome.ShouldBe("Skipped", device.Output);
        run.History.Single(h => h.Name == "Text file").Outcome.ShouldBe("Skipped", device.Output);
        device.Output.ShouldContain($"{text} has no file version: it is not a PE file");
    }

    [Fact]
    public async Task Post_action_runs_after_the_sequence_ends_and_leaves_the_runs_result_as_it_was()
    {
        // Issue 16: SMSTSPostAction reached the agent and was never run.
        using var device = new DeviceUnderTest(server);
        var files = device.Files;
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "E2E16D02", "name": "Post action", "nodes": [
              {"kind": "step", "name": "Set post action", "type": "SetTaskSequenceVariable",
               "settings": {"VariableName": "SMSTSPostAction", "VariableValue": "test -f {{{files}}}/last.txt && echo post-action-ran > {{{files}}}/post.txt; exit 3"}},
              {"kind": "step", "name": "Last step", "type": "RunShellScript", "settings": {"Script": "touch {{{files}}}/last.txt"}}
            ]}
            """);

        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        File.ReadAllText(Path.Combine(files, "post.txt")).Trim().ShouldBe("post-action-ran", device.Output);
        device.Output.ShouldContain("the post action exited with code 3");
    }

    [Fact]
    public async Task Post_action_set_from_a_secret_variable_runs_with_the_secret_and_its_command_and_output_are_masked_in_the_agent_log()
    {
        // Issue 16: the post action's command line and output went into the agent's log unmasked (and a post action
        // set from a secret variable reached the device still sealed).
        const string secret = "E2E-Post-Action-Secret-16";
        using var device = new DeviceUnderTest(server);
        var files = device.Files;
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "E2E16D05", "name": "Secret post action", "nodes": [
              {"kind": "step", "name": "Set post action", "type": "SetTaskSequenceVariable",
               "settings": {"VariableName": "SMSTSPostAction", "VariableValue": "echo %PostSecret% > {{{files}}}/post.txt; echo the post secret is %PostSecret%"}},
              {"kind": "step", "name": "Last step", "type": "RunShellScript", "settings": {"Script": "true"}}
            ]}
            """);
        await Site.Admin(server).SetDeviceVariableAsync(device.DeviceId, "PostSecret", new Contracts.Collections.SetVariableRequest { Value = secret, Secret = true });

        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        File.ReadAllText(Path.Combine(files, "post.txt")).Trim().ShouldBe(secret, device.Output);
        device.Output.ShouldContain("post action: the post secret is ********");
        device.Output.ShouldNotContain(secret);
        foreach (var file in Directory.GetFiles(device.StateDirectory, "*", SearchOption.AllDirectories))
        {
            (await File.ReadAllTextAsync(file)).ShouldNotContain(secret, Case.Sensitive, $"{file} holds the secret in clear");
        }
    }

    [Fact]
    public async Task Secret_variable_is_seen_by_conditions_and_set_variable_on_the_device_and_masked_in_logs_and_output_variables()
    {
        // Issue 16: a condition on a secret variable was always false, %secret% stayed literal in Set Task Sequence
        // Variable, and a secret a step printed went unmasked into its log and output variables.
        // The conditions compare with a pattern, so that the sequence itself (stored in clear) does not hold the secret.
        const string secret = "E2E-Device-Secret-16";
        using var device = new DeviceUnderTest(server);
        var files = device.Files;
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "E2E16D03", "name": "Secrets", "nodes": [
              {"kind": "step", "name": "Only with the secret", "condition": {"type": "variable", "variable": "JoinSecret", "operator": "like", "value": "E2E-Device-*-16"},
               "type": "RunShellScript", "settings": {"Script": "touch {{{files}}}/condition.txt"}},
              {"kind": "step", "name": "Only with another value", "condition": {"type": "variable", "variable": "JoinSecret", "operator": "equals", "value": "something else"},
               "type": "RunShellScript", "settings": {"Script": "touch {{{files}}}/never.txt"}},
              {"kind": "step", "name": "Copy", "type": "SetTaskSequenceVariable", "settings": {"VariableName": "Copy", "VariableValue": "%JoinSecret%"}},
              {"kind": "step", "name": "Use the copy", "condition": {"type": "variable", "variable": "Copy", "operator": "like", "value": "E2E-Device-*-16"},
               "type": "RunShellScript", "settings": {"Script": "printf '%s' \"$Copy\" > {{{files}}}/copy.txt; echo \"the secret is $JoinSecret\""}},
              {"kind": "step", "name": "Print", "type": "RunCommandLine", "settings": {"CommandLine": "echo %Copy%", "OutputVariableName": "Printed"}},
              {"kind": "step", "name": "Printed is masked", "condition": {"type": "variable", "variable": "Printed", "operator": "equals", "value": "********"},
               "type": "RunShellScript", "settings": {"Script": "touch {{{files}}}/masked.txt"}}
            ]}
            """);
        await Site.Admin(server).SetDeviceVariableAsync(device.DeviceId, "JoinSecret", new Contracts.Collections.SetVariableRequest { Value = secret, Secret = true });

        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        run.History.Single(h => h.Name == "Only with the secret").Outcome.ShouldBe("Succeeded", device.Output);
        run.History.Single(h => h.Name == "Only with another value").Outcome.ShouldBe("Skipped", device.Output);
        File.Exists(Path.Combine(files, "condition.txt")).ShouldBeTrue();
        File.Exists(Path.Combine(files, "never.txt")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(files, "copy.txt")).ShouldBe(secret);
        File.Exists(Path.Combine(files, "masked.txt")).ShouldBeTrue("the output variable holds the mask, not the secret");

        var log = string.Concat((await Site.Admin(server).GetRunLogAsync(run.Summary.Id)).Select(l => l.Text));
        log.ShouldContain("the secret is ********");
        log.ShouldNotContain(secret);
        device.Output.ShouldNotContain(secret);
        foreach (var file in Directory.GetFiles(device.StateDirectory, "*", SearchOption.AllDirectories))
        {
            (await File.ReadAllTextAsync(file)).ShouldNotContain(secret, Case.Sensitive, $"{file} holds the secret in clear");
        }

        foreach (var file in Directory.GetFiles(server.DataDirectory, "tsorchestrator.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            (await reader.ReadToEndAsync()).ShouldNotContain(secret, Case.Sensitive, $"{Path.GetFileName(file)} holds the secret in clear");
        }
    }
}
