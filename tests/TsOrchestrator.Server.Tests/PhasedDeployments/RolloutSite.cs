using System.Net.Http.Headers;
using System.Net.Http.Json;
using Refit;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.PhasedDeployments;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Tests.Support;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.PhasedDeployments;

/// <summary>
/// The real server process with real Quartz, where one "day" of a phased deployment is <see cref="SecondsPerDay"/>
/// seconds and each phased deployment is evaluated every second; high-risk settings small enough to reach with a
/// handful of devices. Devices are driven through the agent API as an agent drives them.
/// </summary>
public sealed class RolloutSite : IAsyncLifetime
{
    public const int SecondsPerDay = 3;
    public const int DefaultCollectionSize = 3;
    public const int MaximumCollectionSize = 5;

    public RolloutSite()
        : this([])
    {
    }

    /// <summary>With more configuration for the server, e.g. the PostgreSQL store.</summary>
    internal RolloutSite(IReadOnlyList<string> extraArguments) => Server = new ServerProcess
    {
        ExtraArguments =
        [
            $"--PhasedDeployments:SecondsPerDay={SecondsPerDay}", "--PhasedDeployments:EvaluationIntervalSeconds=1", "--Scheduling:IdleWaitSeconds=1",
            $"--HighRisk:DefaultCollectionSize={DefaultCollectionSize}", $"--HighRisk:MaximumCollectionSize={MaximumCollectionSize}", "--Logging:LogLevel:Default=Warning",
            .. extraArguments,
        ],
    };

    public ServerProcess Server { get; }

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();

    public HttpClient Http()
    {
        var client = new HttpClient { BaseAddress = new Uri(Server.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.Key);
        return client;
    }

    public IAdminApi Admin() => RestService.For<IAdminApi>(Http(), new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(Api.Json) });

    public IAgentApi Agent(string? deviceKey = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(Server.Url) };
        if (deviceKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", deviceKey);
        }

        return RestService.For<IAgentApi>(client, new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(Api.Json) });
    }

    /// <summary>A one-step sequence (Run Command Line); high-impact when flagged, as the User Notification tab sets it.</summary>
    public async Task<string> SequenceAsync(string name, bool highImpact = false)
    {
        using var http = Http();
        var created = await http.CreateAsync(name);
        (await http.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        var sequence = created.Sequence with
        {
            Nodes = [new StepNode { Name = "Install", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "true" } }],
            UserNotification = new UserNotificationProperties { HighImpact = highImpact },
        };
        (await http.SaveAsync(sequence, created.ETag)).EnsureSuccessStatusCode();
        return created.Summary.Id;
    }

    /// <summary>A collection of freshly registered devices.</summary>
    public async Task<(string CollectionId, List<RolloutDevice> Devices)> CollectionAsync(string name, int devices, string osVersion = "6.1")
    {
        using var http = Http();
        var collection = await (await http.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = name }, Api.Json)).ReadAsync<CollectionInfo>();
        var members = new List<RolloutDevice>();
        for (var i = 0; i < devices; i++)
        {
            var facts = new DeviceFacts { Hostname = $"{name}-{i}", Os = osVersion.Contains("Server", StringComparison.Ordinal) ? "windows" : "linux", OsVersion = osVersion, Architecture = "x64" };
            var registered = await Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerProcess.EnrollmentToken, Facts = facts });
            (await http.PutAsync($"/api/v1/collections/{collection.Id}/members/{registered.DeviceId}", null)).EnsureSuccessStatusCode();
            members.Add(new RolloutDevice(registered.DeviceId, Agent(registered.DeviceKey), facts));
        }

        return (collection.Id, members);
    }

    /// <summary>Polls the phased deployment until the condition holds, for at most 30 seconds (evaluations run every second).</summary>
    public async Task<PhasedDeploymentInfo> WaitUntilAsync(string id, Func<PhasedDeploymentInfo, bool> condition, string what)
    {
        var admin = Admin();
        PhasedDeploymentInfo info = await admin.GetPhasedDeploymentAsync(id);
        for (var i = 0; i < 120 && !condition(info); i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            info = await admin.GetPhasedDeploymentAsync(id);
        }

        condition(info).ShouldBeTrue($"{id} never reached: {what}; it is {info.Status}, phase {info.CurrentPhase}, {info.SuspendReason}\n{Server.Log}");
        return info;
    }
}
