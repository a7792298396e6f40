using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TsOrchestrator.Agent.Tests.EndToEnd;
using TsOrchestrator.Agent.Tests.Support;
using Xunit.Abstractions;

namespace TsOrchestrator.Agent.Tests.Connection;

/// <summary>
/// The real agent against a server that answers what a real one never would: each bad answer is refused with a logged
/// error and asked again, never a crash, a busy loop, or a path outside the state folder.
/// </summary>
public sealed class ServerAnswerTests(ITestOutputHelper output)
{
    private const string NothingToDo = """{"offers": []}""";

    [Theory]
    [InlineData("""{"offers": null}""", "offers is null")]
    [InlineData("""{"offers": [null]}""", "offers[0] is null")]
    [InlineData("""{"offers": [{"deploymentId": "D1", "sequenceId": "S1", "name": null, "required": true}]}""", "offers[0].name is null")]
    [InlineData("""{"offers": [{"deploymentId": "../D1", "sequenceId": "S1", "name": "Win", "required": true}]}""", "offers[0].deploymentId '../D1' is not an id")]
    [InlineData("""{"offers": [{"deploymentId": "D1", "sequenceId": "S1", "name": "Win", "required": true, "notification": {"headline": "Wipe", "messages": [null]}}]}""", "offers[0].notification.messages[0] is null")]
    [InlineData("""{"offers": [{"deploymentId": "D1", "required": true}]}""", "the answer is not the contract's JSON")]
    [InlineData("""{"offers": [], "activeRunId": "../../x"}""", "activeRunId '../../x' is not an id")]
    [InlineData("""not json at all""", "the answer is not the contract's JSON")]
    public async Task Malformed_check_in_answer_is_refused_and_asked_again_not_a_crash(string answer, string refusal)
    {
        var checkIns = 0;
        await using var server = await MisbehavingServer.StartAsync(app =>
            app.MapPost("/agent/v1/check-in", () => MisbehavingServer.Json(Interlocked.Increment(ref checkIns) == 1 ? answer : NothingToDo)));
        using var device = server.Device();

        using var agent = device.Start();

        (await device.WaitAsync(agent, 60)).ShouldBe(0, device.Output);
        device.Output.ShouldContain($"check in: refused the server's answer ({refusal}", customMessage: device.Output);
        checkIns.ShouldBe(2);
    }

    [Fact]
    public async Task Answer_of_200_MB_is_refused_without_reading_it_into_memory()
    {
        var checkIns = 0;
        await using var server = await MisbehavingServer.StartAsync(app => app.MapPost("/agent/v1/check-in", async context =>
        {
            if (Interlocked.Increment(ref checkIns) > 1)
            {
                await MisbehavingServer.Json(NothingToDo).ExecuteAsync(context);
                return;
            }

            // Chunked, so no declared length gives it away: the agent has to stop reading by itself.
            context.Response.ContentType = "application/json";
            var padding = Encoding.ASCII.GetBytes(new string('x', 1 << 20));
            try
            {
                await context.Response.WriteAsync("{\"offers\": [], \"padding\": \"");
                for (var mb = 0; mb < 200; mb++)
                {
                    await context.Response.Body.WriteAsync(padding, context.RequestAborted);
                }

                await context.Response.WriteAsync("\"}");
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The agent hung up, as it should.
            }
        }));
        using var device = server.Device();

        using var agent = device.Start();
        var peak = await PeakMemoryUntilExitAsync(agent);

        (await device.WaitAsync(agent, 60)).ShouldBe(0, device.Output);
        output.WriteLine($"agent's peak resident memory: {peak / (1 << 20)} MB");
        device.Output.ShouldContain("is larger than the agent reads (16,777,216 bytes)");
        peak.ShouldBeLessThan(400L << 20, "the agent read the answer into memory");
    }

    [Fact]
    public async Task Check_in_naming_a_run_the_server_reports_finished_does_not_spin()
    {
        await using var server = await MisbehavingServer.StartAsync(app =>
        {
            app.MapPost("/agent/v1/check-in", () => MisbehavingServer.Json("""{"offers": [], "activeRunId": "R1"}"""));
            app.MapGet("/agent/v1/runs/R1", () => MisbehavingServer.Json("""{"runId": "R1", "status": "Succeeded"}"""));
        });
        using var device = server.Device();

        using var agent = device.Start();

        // --once returns when a check-in leaves nothing to run; a busy loop never returns and asks thousands of times.
        (await device.WaitAsync(agent, 30)).ShouldBe(0, $"requests so far: {server.Requests.Count}\n{device.Output}");
        output.WriteLine(server.Log);
        server.Requests.Count(r => r == "POST /agent/v1/check-in").ShouldBe(2);
        server.Requests.Count(r => r == "GET /agent/v1/runs/R1").ShouldBe(1);
        device.Output.ShouldContain("the check-in names run R1 as active, but the server reported it ended");
    }

    [Fact]
    public async Task Work_item_id_that_is_a_path_is_refused_and_nothing_outside_the_state_folder_is_touched()
    {
        var victimName = $"tsorch-victim-{Guid.NewGuid():N}";
        var workItemId = $"../../{victimName}";
        await using var server = await MisbehavingServer.StartAsync(app =>
        {
            app.MapPost("/agent/v1/check-in", () => MisbehavingServer.Json("""{"offers": [], "activeRunId": "R1"}"""));
            app.MapGet("/agent/v1/runs/R1", () => MisbehavingServer.Json($$"""
                {"runId": "R1", "status": "Running", "workItem": {"id": "{{workItemId}}", "kind": "Step", "path": "0", "name": "Innocent",
                 "stepType": "RunShellScript", "settings": {"Script": "true"} } }
                """));
            app.MapPost("/agent/v1/runs/R1/work-items/{id}/result", () => MisbehavingServer.Json("""{"runId": "R1", "status": "Succeeded"}"""));
            app.MapPost("/agent/v1/runs/R1/work-items/{id}/log", () => Results.Ok());
        });
        using var device = server.Device();
        var victim = Path.GetFullPath(Path.Combine(device.StateDirectory, "work", workItemId));
        Path.GetDirectoryName(device.StateDirectory).ShouldBe(Path.GetDirectoryName(victim), "the id points next to the state folder");
        Directory.CreateDirectory(victim);
        File.WriteAllText(Path.Combine(victim, "precious"), "keep me");
        try
        {
            using var agent = device.Start();
            await AgentRunTests.Until(() => device.Output.Contains("refused the server's answer (workItem.id", StringComparison.Ordinal) || agent.HasExited, device);
            await DeviceUnderTest.KillAsync(agent);

            device.Output.ShouldContain($"workItem.id '{workItemId}' is not an id");
            device.Output.ShouldNotContain("step 'Innocent'");
            File.ReadAllText(Path.Combine(victim, "precious")).ShouldBe("keep me");
        }
        finally
        {
            if (Directory.Exists(victim))
            {
                Directory.Delete(victim, recursive: true);
            }
        }
    }

    /// <summary>The process's high-water mark of resident memory (VmHWM), read until it exits.</summary>
    private static async Task<long> PeakMemoryUntilExitAsync(Process process)
    {
        long peak = 0;
        var status = $"/proc/{process.Id}/status";
        for (var i = 0; i < 1200 && !process.HasExited; i++)
        {
            try
            {
                var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null)
                {
                    peak = Math.Max(peak, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024);
                }
            }
            catch (IOException)
            {
                // It exited between the check and the read.
            }

            await Task.Delay(50);
        }

        return peak;
    }
}
