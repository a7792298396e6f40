using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.StepSecrets;

/// <summary>
/// A sequence holding each kind of step secret (a domain-join password, and Set Dynamic Variables values its rules
/// mark secret, one of them needing JSON escapes), deployed to a device the test drives through the agent API.
/// </summary>
internal sealed class SecretRun
{
    public const string JoinPassword = "Join-Clear-Pa55";
    public const string DynamicSecret = "Dynamic-Clear-Secret";
    public const string QuotedFragment = "Quoted-Clear-77";
    public const string QuotedSecret = QuotedFragment + "\"\\x";

    /// <summary>What must appear nowhere in the store.</summary>
    public static readonly string[] ClearTexts = [JoinPassword, DynamicSecret, QuotedFragment];

    private static readonly DeviceFacts Facts = new() { Hostname = "secret-01", Os = "linux", OsVersion = "6.1", Architecture = "x64", FreeDiskMb = 20000 };

    public required string SequenceId { get; init; }
    public required string DeviceKey { get; init; }
    public required string RunId { get; init; }

    public static TaskSequenceNode[] Steps =>
    [
        new StepNode
        {
            Name = "Set join secret", Type = StepTypeIds.SetDynamicVariables,
            Settings = new Dictionary<string, string>
            {
                ["Rules"] = new JsonArray(
                    new JsonObject { ["set"] = new JsonObject { ["JoinSecret"] = DynamicSecret, ["Role"] = "lab" }, ["secret"] = new JsonArray("JoinSecret") },
                    new JsonObject { ["set"] = new JsonObject { ["Quoted"] = QuotedSecret }, ["secret"] = new JsonArray("Quoted") }).ToJsonString(),
            },
        },
        new StepNode
        {
            Name = "Join", Type = StepTypeIds.JoinDomainOrWorkgroup,
            Settings = new Dictionary<string, string>
            {
                ["Type"] = "1", ["DomainName"] = "corp.example", ["DomainUsername"] = "corp\\joiner", ["DomainPassword"] = JoinPassword,
            },
        },
        // The server expands a plain setting's references, a secret variable's too: the work item stores it encrypted.
        new StepNode { Name = "Use", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "net use /user:%Role% %JoinSecret%" } },
    ];

    /// <summary>Creates the sequence, deploys it as required and starts its run; the run then waits on its first step.</summary>
    public static async Task<SecretRun> StartAsync(ServerFactory server)
    {
        using var admin = server.AdminClient();
        var created = await admin.CreateAsync("Secrets at rest");
        (await admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        (await admin.SaveAsync(created.Sequence with { Nodes = Steps }, created.ETag)).EnsureSuccessStatusCode();
        var registration = await server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = Facts });
        var collection = await (await admin.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = "Secret lab" }, Api.Json)).ReadAsync<CollectionInfo>();
        (await admin.PutAsync($"/api/v1/collections/{collection.Id}/members/{registration.DeviceId}", null)).EnsureSuccessStatusCode();
        await (await admin.PostAsJsonAsync("/api/v1/deployments",
            new CreateDeploymentRequest { SequenceId = created.Summary.Id, CollectionId = collection.Id, Purpose = "Required" }, Api.Json)).ReadAsync<DeploymentInfo>();
        var runId = (await server.Agent(registration.DeviceKey).CheckInAsync(new CheckInRequest { Facts = Facts })).ActiveRunId;
        runId.ShouldNotBeNull();
        return new SecretRun { SequenceId = created.Summary.Id, DeviceKey = registration.DeviceKey, RunId = runId };
    }

    /// <summary>The device takes the Set Dynamic Variables step, which must carry its secrets in clear, and reports what it set.</summary>
    public async Task<AgentRunStatus> SetDynamicVariablesAsync(ServerFactory server)
    {
        var agent = server.Agent(DeviceKey);
        var item = (await agent.GetRunAsync(RunId)).WorkItem.ShouldNotBeNull();
        item.Name.ShouldBe("Set join secret");
        var rules = JsonNode.Parse(item.Settings["Rules"])!.AsArray();
        rules[0]!["set"]!["JoinSecret"]!.GetValue<string>().ShouldBe(DynamicSecret);
        rules[1]!["set"]!["Quoted"]!.GetValue<string>().ShouldBe(QuotedSecret);
        return await agent.PostResultAsync(RunId, item.Id, new WorkItemResult
        {
            ExitCode = 0, Succeeded = true,
            Variables = new Dictionary<string, string> { ["JoinSecret"] = DynamicSecret, ["Role"] = "lab", ["Quoted"] = QuotedSecret },
        });
    }

    /// <summary>The device takes the join step, which must carry the password and the dynamic secrets in clear, then the last step.</summary>
    public async Task<AgentRunStatus> JoinAndFinishAsync(ServerFactory server, Func<Task> whileLastStepPending)
    {
        var agent = server.Agent(DeviceKey);
        var join = (await agent.GetRunAsync(RunId)).WorkItem.ShouldNotBeNull();
        join.Name.ShouldBe("Join");
        join.Settings["DomainPassword"].ShouldBe(JoinPassword);
        join.Variables.ShouldNotBeNull();
        join.Variables["JoinSecret"].ShouldBe(DynamicSecret);
        join.Variables["Quoted"].ShouldBe(QuotedSecret);
        var use = (await agent.PostResultAsync(RunId, join.Id, new WorkItemResult { ExitCode = 0, Succeeded = true })).WorkItem.ShouldNotBeNull();
        use.Settings["CommandLine"].ShouldBe($"net use /user:lab {DynamicSecret}");
        await whileLastStepPending();
        return await agent.PostResultAsync(RunId, use.Id, new WorkItemResult { ExitCode = 0, Succeeded = true });
    }

    public static void ShouldHoldNoClearSecret(IReadOnlyList<string> rows)
    {
        foreach (var clear in ClearTexts)
        {
            rows.Where(r => r.Contains(clear, StringComparison.Ordinal)).ShouldBeEmpty($"'{clear}' is stored in clear");
        }

        rows.ShouldContain(r => r.Contains("TaskSequenceVersions", StringComparison.Ordinal) && r.Contains("enc1:", StringComparison.Ordinal));
    }
}
