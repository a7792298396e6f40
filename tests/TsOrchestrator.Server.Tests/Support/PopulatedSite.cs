using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Server.Tests.Support;

/// <summary>
/// One of every object the API names by id, created by a Full Administrator in the default scope, so that a
/// route's <c>{id}</c> reaches its handler rather than the not-found check in front of it.
/// </summary>
public sealed class PopulatedSite
{
    public const string VariableName = "FuzzVariable";
    public const string Missing = "NOT-CREATED";

    private readonly Dictionary<string, string> _ids = [];

    private PopulatedSite(string deviceKey, string otherDeviceKey)
    {
        DeviceKey = deviceKey;
        OtherDeviceKey = otherDeviceKey;
    }

    /// <summary>The key of the device <see cref="Id"/>("device") names, which the run belongs to.</summary>
    public string DeviceKey { get; }

    /// <summary>A second registered device, in nobody's collection: another device's key on the first one's run.</summary>
    public string OtherDeviceKey { get; }

    /// <summary>Objects that could not be created (with the answer), so a run says what it did not reach.</summary>
    public List<string> NotCreated { get; } = [];

    public string Id(string kind) => _ids.TryGetValue(kind, out var id) ? id : Missing;

    /// <summary>Ids of objects in the default scope: what a caller of another scope must never see.</summary>
    public IEnumerable<string> ScopedIds => _ids.Where(i => i.Key is not ("work-item" or "folder" or "hash" or "window")).Select(i => i.Value);

    public static async Task<PopulatedSite> CreateAsync(ServerFactory server, HttpClient admin, string sourceRoot)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(admin);
        var facts = new DeviceFacts { Hostname = "fuzz-01", Os = "linux", OsVersion = "6.1.0", Architecture = "x64", FreeDiskMb = 20000 };
        var device = await server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = facts });
        var other = await server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = facts with { Hostname = "fuzz-02" } });
        var site = new PopulatedSite(device.DeviceKey, other.DeviceKey);
        site._ids["device"] = device.DeviceId;

        var sequence = await admin.CreateAsync("Fuzz target");
        (await admin.LockAsync(sequence.Summary.Id)).EnsureSuccessStatusCode();
        StepNode step = new() { Name = "Step", Type = StepTypeIds.RunCommandLine, Settings = new Dictionary<string, string> { ["CommandLine"] = "true" } };
        (await admin.SaveAsync(sequence.Sequence with { Nodes = [step] }, sequence.ETag)).EnsureSuccessStatusCode();
        site._ids["sequence"] = sequence.Summary.Id;

        await site.PostAsync(admin, "folder", "/api/v1/folders", new JsonObject { ["name"] = "Fuzz" }, "path");
        await site.PostAsync(admin, "collection", "/api/v1/collections", new JsonObject { ["name"] = "Fuzz lab" });
        (await admin.PutAsync(new Uri($"/api/v1/collections/{site.Id("collection")}/members/{device.DeviceId}", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await site.PostAsync(admin, "window", $"/api/v1/collections/{site.Id("collection")}/maintenance-windows",
            new JsonObject { ["name"] = "Nightly", ["start"] = "2026-01-01T22:00:00Z", ["durationMinutes"] = 60, ["recurrence"] = "Daily" });
        (await admin.PutAsJsonAsync($"/api/v1/collections/{site.Id("collection")}/variables/{VariableName}", new JsonObject { ["value"] = "x" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/v1/devices/{device.DeviceId}/variables/{VariableName}", new JsonObject { ["value"] = "x" })).EnsureSuccessStatusCode();

        var source = Directory.CreateDirectory(Path.Combine(sourceRoot, "fuzz-package")).FullName;
        await File.WriteAllTextAsync(Path.Combine(source, "setup.sh"), "exit 0\n");
        await site.PostAsync(admin, "package", "/api/v1/packages", new JsonObject { ["name"] = "Fuzz tools", ["type"] = "Package", ["sourcePath"] = source });
        if (site.Id("package") != Missing)
        {
            var files = JsonNode.Parse(await admin.GetStringAsync(new Uri($"/api/v1/packages/{site.Id("package")}/files", UriKind.Relative)))!.AsArray();
            site._ids["hash"] = (string)files[0]!["hash"]!;
        }

        await site.PostAsync(admin, "deployment", "/api/v1/deployments",
            new JsonObject { ["sequenceId"] = sequence.Summary.Id, ["collectionId"] = site.Id("collection"), ["purpose"] = "Available" });
        var agent = server.Agent(device.DeviceKey);
        var run = await agent.StartDeploymentAsync(site.Id("deployment"));
        site._ids["run"] = run.RunId;
        site._ids["work-item"] = (await agent.GetRunAsync(run.RunId)).WorkItem!.Id;
        using (var deviceClient = server.ClientWithKey(device.DeviceKey))
        {
            await site.PostAsync(deviceClient, "state-store", "/agent/v1/state-stores",
                new JsonObject { ["purpose"] = "Capture", ["runId"] = run.RunId, ["workItemId"] = site.Id("work-item") });
        }

        await site.PostAsync(admin, "association", "/api/v1/computer-associations",
            new JsonObject { ["sourceDeviceId"] = other.DeviceId, ["destinationDeviceId"] = device.DeviceId });

        await site.PostAsync(admin, "pilot", "/api/v1/collections", new JsonObject { ["name"] = "Fuzz pilot" });
        await site.PostAsync(admin, "broad", "/api/v1/collections", new JsonObject { ["name"] = "Fuzz broad" });
        await site.PostAsync(admin, "phased", "/api/v1/phased-deployments", new JsonObject
        {
            ["sequenceId"] = sequence.Summary.Id,
            ["phases"] = new JsonArray(new JsonObject { ["collectionId"] = site.Id("pilot") }, new JsonObject { ["collectionId"] = site.Id("broad") }),
        });
        await site.PostAsync(admin, "dp", "/api/v1/distribution-points",
            new JsonObject { ["name"] = "Fuzz DP", ["url"] = "http://127.0.0.1:9/", ["accessKey"] = "fuzz-access-key-0123456789" });
        await site.PostAsync(admin, "dp-group", "/api/v1/distribution-point-groups", new JsonObject { ["name"] = "Fuzz DPs" });
        await site.PostAsync(admin, "api-key", "/api/v1/api-keys", new JsonObject { ["name"] = "Fuzz analyst", ["role"] = "ReadOnlyAnalyst" });

        var export = await admin.PostAsJsonAsync("/api/v1/exports", new JsonObject { ["ids"] = new JsonArray(sequence.Summary.Id) });
        export.EnsureSuccessStatusCode();
        using var zip = new ByteArrayContent(await export.Content.ReadAsByteArrayAsync());
        await site.ReadIdAsync("import", await admin.PostAsync(new Uri("/api/v1/imports?fileName=fuzz.zip", UriKind.Relative), zip), "id");
        return site;
    }

    /// <summary>The value of a path parameter that names an existing object (the resource decides what <c>{id}</c> is).</summary>
    public string ValueFor(ApiRoute route, ApiParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Name switch
        {
            "id" => Id(route.Template.Split('/')[3] switch
            {
                "task-sequences" => "sequence",
                "devices" => "device",
                "collections" => "collection",
                "deployments" => "deployment",
                "phased-deployments" => "phased",
                "runs" => "run",
                "packages" => "package",
                "distribution-points" => "dp",
                "distribution-point-groups" => "dp-group",
                "imports" => "import",
                "api-keys" => "api-key",
                "state-stores" => "state-store",
                "computer-associations" => "association",
                var other => other,
            }),
            "deviceId" => Id("device"),
            "collectionId" => Id("collection"),
            "deploymentId" => Id("deployment"),
            "runId" => Id("run"),
            "workItemId" => Id("work-item"),
            "packageId" => Id("package"),
            "distributionPointId" => Id("dp"),
            "windowId" => Id("window"),
            "hash" => Id("hash"),
            "storeId" => Id("state-store"),
            "path" => Id("folder"),
            "name" => VariableName,
            "version" => "1",
            "file" => "vmlinuz",
            _ => "unknown",
        };
    }

    private async Task PostAsync(HttpClient admin, string kind, string path, JsonObject body, string idProperty = "id") =>
        await ReadIdAsync(kind, await admin.PostAsJsonAsync(path, body), idProperty);

    private async Task ReadIdAsync(string kind, HttpResponseMessage response, string idProperty)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode && JsonNode.Parse(text)?[idProperty] is JsonValue id)
        {
            _ids[kind] = (string)id!;
        }
        else
        {
            NotCreated.Add($"{kind}: {(int)response.StatusCode} {text}");
        }

        response.Dispose();
    }
}
