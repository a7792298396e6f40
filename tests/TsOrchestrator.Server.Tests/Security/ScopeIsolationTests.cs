using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Contracts.PhasedDeployments;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Security;

/// <summary>
/// For each kind of scoped object: a Full Administrator limited to scope "lab" cannot list, get, change or delete a
/// "branch" object, nor name one by id in a request, while its "branch" owner still can. Run on SQLite and PostgreSQL.
/// </summary>
public abstract class ScopeIsolationTests
{
    protected abstract ServerFactory Server { get; }

    [SkippableFact]
    public async Task Task_sequence_of_another_scope_is_invisible_and_cannot_be_referenced()
    {
        var (branch, lab) = await KeysAsync();
        var id = (await branch.CreateAsync("Branch build")).Summary.Id;
        var labCollection = await CollectionAsync(lab, "Lab");

        (await (await lab.GetAsync("/api/v1/task-sequences")).ReadAsync<List<TaskSequenceSummary>>()).ShouldBeEmpty();
        foreach (var response in new[]
                 {
                     lab.GetAsync($"/api/v1/task-sequences/{id}"), lab.GetAsync($"/api/v1/task-sequences/{id}/versions"),
                     lab.GetAsync($"/api/v1/task-sequences/{id}/properties"), lab.PostAsync($"/api/v1/task-sequences/{id}/lock", null),
                     lab.PostAsync($"/api/v1/task-sequences/{id}/disable", null), lab.PostAsync($"/api/v1/task-sequences/{id}/copy", null),
                     lab.PutAsJsonAsync($"/api/v1/task-sequences/{id}/scopes", new SetScopesRequest { Scopes = ["lab"] }, Api.Json),
                     lab.DeleteAsync($"/api/v1/task-sequences/{id}"), lab.GetAsync($"/api/v1/task-sequences/{id}/content-status"),
                     lab.PostAsJsonAsync("/api/v1/exports", new ExportRequest { Ids = [id] }, Api.Json),
                 })
        {
            await (await response).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        await RefusedAsync(lab.PostAsJsonAsync("/api/v1/deployments", new CreateDeploymentRequest { SequenceId = id, CollectionId = labCollection }, Api.Json), "sequenceId");
        await RefusedAsync(lab.PostAsJsonAsync("/api/v1/phased-deployments", new CreatePhasedDeploymentRequest
        {
            SequenceId = id, Phases = [new PhaseSettings { CollectionId = labCollection }, new PhaseSettings { CollectionId = await CollectionAsync(lab, "Lab 2") }],
        }, Api.Json), "sequenceId");

        // A Run Task Sequence step naming it does not save either: it is not found by the save's validation.
        var labSequence = await lab.CreateAsync("Lab build");
        (await lab.LockAsync(labSequence.Summary.Id)).EnsureSuccessStatusCode();
        var runIt = new Domain.Sequences.StepNode
        {
            Name = "Run branch build", Type = Domain.Catalog.StepTypeIds.RunTaskSequence, Settings = new Dictionary<string, string> { ["TsPackageID"] = id },
        };
        (await lab.SaveAsync(labSequence.Sequence with { Nodes = [runIt] }, labSequence.ETag)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await (await branch.GetAsync($"/api/v1/task-sequences/{id}")).ReadAsync<TaskSequenceDetails>()).Summary.Scopes.ShouldBe(["branch"]);
    }

    [SkippableFact]
    public async Task Package_of_another_scope_is_invisible_and_cannot_be_referenced()
    {
        var (branch, lab) = await KeysAsync();
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
            store.Packages.Add(new PackageEntity { Id = "PKGBRANCH", Name = "Branch tools", SourcePath = Server.DataDirectory, Version = 1, Scopes = "branch" });
            await store.SaveChangesAsync();
        }

        (await (await lab.GetAsync("/api/v1/packages")).ReadAsync<List<PackageInfo>>()).ShouldBeEmpty();
        foreach (var response in new[]
                 {
                     lab.GetAsync("/api/v1/packages/PKGBRANCH"), lab.GetAsync("/api/v1/packages/PKGBRANCH/files"),
                     lab.PutAsJsonAsync("/api/v1/packages/PKGBRANCH", new UpdatePackageRequest { Name = "Mine" }, Api.Json),
                     lab.PostAsync("/api/v1/packages/PKGBRANCH/update-content", null), lab.DeleteAsync("/api/v1/packages/PKGBRANCH"),
                     lab.PostAsJsonAsync("/api/v1/packages/PKGBRANCH/distribute", new DistributeContentRequest(), Api.Json),
                     lab.GetAsync("/api/v1/packages/PKGBRANCH/content-status"),
                     lab.PostAsJsonAsync("/api/v1/packages/prestage", new PrestageContentRequest { PackageIds = ["PKGBRANCH"] }, Api.Json),
                 })
        {
            await (await response).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        (await (await branch.GetAsync("/api/v1/packages/PKGBRANCH")).ReadAsync<PackageInfo>()).Name.ShouldBe("Branch tools");
    }

    [SkippableFact]
    public async Task Collection_of_another_scope_is_invisible_and_cannot_be_referenced()
    {
        var (branch, lab) = await KeysAsync();
        var id = await CollectionAsync(branch, "Branch");
        var device = await DeviceAsync("lab-01", "lab");
        var labSequence = (await lab.CreateAsync("Lab build")).Summary.Id;
        var labGroup = await (await lab.PostAsJsonAsync("/api/v1/distribution-point-groups", new CreateDistributionPointGroupRequest { Name = "Lab DPs" }, Api.Json))
            .ReadAsync<DistributionPointGroupInfo>();

        (await (await lab.GetAsync("/api/v1/collections")).ReadAsync<List<CollectionInfo>>()).ShouldBeEmpty();
        foreach (var response in new[]
                 {
                     lab.GetAsync($"/api/v1/collections/{id}"), lab.PutAsync($"/api/v1/collections/{id}/members/{device}", null),
                     lab.DeleteAsync($"/api/v1/collections/{id}/members/{device}"), lab.GetAsync($"/api/v1/collections/{id}/variables"),
                     lab.GetAsync($"/api/v1/collections/{id}/maintenance-windows"),
                     lab.PutAsJsonAsync($"/api/v1/collections/{id}/scopes", new SetScopesRequest { Scopes = ["lab"] }, Api.Json),
                     lab.PutAsync($"/api/v1/distribution-point-groups/{labGroup.Id}/collections/{id}", null),
                 })
        {
            await (await response).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        await RefusedAsync(lab.PostAsJsonAsync("/api/v1/deployments", new CreateDeploymentRequest { SequenceId = labSequence, CollectionId = id }, Api.Json), "collectionId");
        await RefusedAsync(lab.PostAsJsonAsync($"/api/v1/task-sequences/{labSequence}/distribute", new DistributeContentRequest { CollectionIds = [id] }, Api.Json),
            "collectionIds");
        (await (await branch.GetAsync($"/api/v1/collections/{id}")).ReadAsync<CollectionInfo>()).DirectMembers.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Device_of_another_scope_is_invisible_and_cannot_be_referenced()
    {
        var (branch, lab) = await KeysAsync();
        var id = await DeviceAsync("branch-01", "branch");
        var labCollection = await CollectionAsync(lab, "Lab");

        (await (await lab.GetAsync("/api/v1/devices")).ReadAsync<List<Contracts.Devices.DeviceInfo>>()).ShouldBeEmpty();
        foreach (var response in new[]
                 {
                     lab.GetAsync($"/api/v1/devices/{id}"), lab.PostAsync($"/api/v1/devices/{id}/approve", null), lab.PostAsync($"/api/v1/devices/{id}/block", null),
                     lab.GetAsync($"/api/v1/devices/{id}/variables"),
                     lab.PutAsJsonAsync($"/api/v1/devices/{id}/scopes", new SetScopesRequest { Scopes = ["lab"] }, Api.Json),
                     lab.PutAsync($"/api/v1/collections/{labCollection}/members/{id}", null),
                 })
        {
            await (await response).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        (await (await branch.GetAsync($"/api/v1/devices/{id}")).ReadAsync<Contracts.Devices.DeviceInfo>()).Scopes.ShouldBe(["branch"]);
    }

    [SkippableFact]
    public async Task Deployment_of_another_scope_is_invisible()
    {
        var (branch, lab) = await KeysAsync();
        var deployment = await (await branch.PostAsJsonAsync("/api/v1/deployments", new CreateDeploymentRequest
        {
            SequenceId = (await branch.CreateAsync("Branch build")).Summary.Id, CollectionId = await CollectionAsync(branch, "Branch"),
        }, Api.Json)).ReadAsync<DeploymentInfo>();

        (await (await lab.GetAsync("/api/v1/deployments")).ReadAsync<List<DeploymentInfo>>()).ShouldBeEmpty();
        (await (await lab.GetAsync("/api/v1/deployments/status")).ReadAsync<List<DeploymentStatusInfo>>()).ShouldBeEmpty();
        await (await lab.DeleteAsync($"/api/v1/deployments/{deployment.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await branch.GetAsync("/api/v1/deployments")).ReadAsync<List<DeploymentInfo>>()).Select(d => d.Id).ShouldBe([deployment.Id]);
    }

    [SkippableFact]
    public async Task Phased_deployment_of_another_scope_is_invisible()
    {
        var (branch, lab) = await KeysAsync();
        var phased = await (await branch.PostAsJsonAsync("/api/v1/phased-deployments", new CreatePhasedDeploymentRequest
        {
            SequenceId = (await branch.CreateAsync("Branch build")).Summary.Id,
            Phases = [new PhaseSettings { CollectionId = await CollectionAsync(branch, "Pilot") }, new PhaseSettings { CollectionId = await CollectionAsync(branch, "Broad") }],
        }, Api.Json)).ReadAsync<PhasedDeploymentInfo>();

        (await (await lab.GetAsync("/api/v1/phased-deployments")).ReadAsync<List<PhasedDeploymentInfo>>()).ShouldBeEmpty();
        foreach (var response in new[]
                 {
                     lab.GetAsync($"/api/v1/phased-deployments/{phased.Id}"), lab.PostAsync($"/api/v1/phased-deployments/{phased.Id}/next", null),
                     lab.PostAsync($"/api/v1/phased-deployments/{phased.Id}/suspend", null), lab.PostAsync($"/api/v1/phased-deployments/{phased.Id}/resume", null),
                     lab.DeleteAsync($"/api/v1/phased-deployments/{phased.Id}"),
                 })
        {
            await (await response).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        (await (await branch.GetAsync($"/api/v1/phased-deployments/{phased.Id}")).ReadAsync<PhasedDeploymentInfo>()).Id.ShouldBe(phased.Id);
    }

    [SkippableFact]
    public async Task Distribution_point_of_another_scope_is_invisible_and_cannot_be_referenced()
    {
        var (branch, lab) = await KeysAsync();
        var point = await (await branch.PostAsJsonAsync("/api/v1/distribution-points",
            new CreateDistributionPointRequest { Name = "Branch DP", Url = "http://127.0.0.1:9/", AccessKey = "branch-dp-access-key" }, Api.Json)).ReadAsync<DistributionPointInfo>();
        var labGroup = await (await lab.PostAsJsonAsync("/api/v1/distribution-point-groups", new CreateDistributionPointGroupRequest { Name = "Lab DPs" }, Api.Json))
            .ReadAsync<DistributionPointGroupInfo>();
        var labSequence = (await lab.CreateAsync("Lab build")).Summary.Id;

        (await (await lab.GetAsync("/api/v1/distribution-points")).ReadAsync<List<DistributionPointInfo>>()).Select(d => d.Id).ShouldNotContain(point.Id);
        await (await lab.DeleteAsync($"/api/v1/distribution-points/{point.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await lab.PutAsync($"/api/v1/distribution-point-groups/{labGroup.Id}/members/{point.Id}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await RefusedAsync(lab.PostAsJsonAsync("/api/v1/distribution-point-groups",
            new CreateDistributionPointGroupRequest { Name = "Stolen", DistributionPointIds = [point.Id] }, Api.Json), "distributionPointIds");
        await RefusedAsync(lab.PostAsJsonAsync($"/api/v1/task-sequences/{labSequence}/distribute", new DistributeContentRequest { DistributionPointIds = [point.Id] }, Api.Json),
            "distributionPointIds");
        (await (await branch.GetAsync("/api/v1/distribution-points")).ReadAsync<List<DistributionPointInfo>>()).Select(d => d.Id).ShouldContain(point.Id);
    }

    [SkippableFact]
    public async Task Distribution_point_group_of_another_scope_is_invisible_and_cannot_be_referenced()
    {
        var (branch, lab) = await KeysAsync();
        var group = await (await branch.PostAsJsonAsync("/api/v1/distribution-point-groups", new CreateDistributionPointGroupRequest { Name = "Branch DPs" }, Api.Json))
            .ReadAsync<DistributionPointGroupInfo>();
        var labCollection = await CollectionAsync(lab, "Lab");
        var labSequence = (await lab.CreateAsync("Lab build")).Summary.Id;

        (await (await lab.GetAsync("/api/v1/distribution-point-groups")).ReadAsync<List<DistributionPointGroupInfo>>()).ShouldBeEmpty();
        await (await lab.PutAsync($"/api/v1/distribution-point-groups/{group.Id}/members/DP-SITE", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await lab.PutAsync($"/api/v1/distribution-point-groups/{group.Id}/collections/{labCollection}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await RefusedAsync(lab.PostAsJsonAsync($"/api/v1/task-sequences/{labSequence}/distribute",
            new DistributeContentRequest { DistributionPointGroupIds = [group.Id] }, Api.Json), "distributionPointGroupIds");
        (await (await branch.GetAsync("/api/v1/distribution-point-groups")).ReadAsync<List<DistributionPointGroupInfo>>()).Select(g => g.Id).ShouldBe([group.Id]);
    }

    [SkippableFact]
    public async Task Audit_entries_about_another_scopes_objects_are_invisible()
    {
        var (branch, lab) = await KeysAsync();
        using var admin = Server.AdminClient();
        var headquarters = (await admin.CreateAsync("Headquarters build")).Summary.Id;
        var branchCollection = await CollectionAsync(branch, "Branch");
        var branchGroup = await (await branch.PostAsJsonAsync("/api/v1/distribution-point-groups", new CreateDistributionPointGroupRequest { Name = "Branch DPs" }, Api.Json))
            .ReadAsync<DistributionPointGroupInfo>();
        var labSequence = (await lab.CreateAsync("Lab build")).Summary.Id;
        (await admin.PutAsJsonAsync($"/api/v1/collections/{branchCollection}/scopes", new SetScopesRequest { Scopes = ["branch", "hq"] }, Api.Json)).EnsureSuccessStatusCode();

        var seenByLab = await (await lab.GetAsync("/api/v1/audit")).ReadAsync<List<Contracts.Auditing.AuditEntry>>();
        var seenByBranch = await (await branch.GetAsync("/api/v1/audit")).ReadAsync<List<Contracts.Auditing.AuditEntry>>();

        seenByLab.Select(e => e.ObjectId).Distinct().ShouldBe([labSequence]);
        seenByBranch.Select(e => e.ObjectId).Distinct().OrderBy(x => x, StringComparer.Ordinal).ShouldBe(new[] { branchCollection, branchGroup.Id }.Order(StringComparer.Ordinal));
        seenByBranch.Where(e => e.ObjectId == branchCollection).Select(e => e.Action).ShouldBe(["set-scopes", "create"]);
        (await (await admin.GetAsync("/api/v1/audit")).ReadAsync<List<Contracts.Auditing.AuditEntry>>()).Select(e => e.ObjectId).ShouldContain(headquarters);
    }

    /// <summary>Two Full Administrators, one limited to scope "branch" and one to scope "lab".</summary>
    private async Task<(HttpClient Branch, HttpClient Lab)> KeysAsync() =>
        (Server.ClientWithKey(await Server.CreateKeyAsync("branch", AdminRoles.FullAdministrator, "branch")),
            Server.ClientWithKey(await Server.CreateKeyAsync("lab", AdminRoles.FullAdministrator, "lab")));

    private static async Task<string> CollectionAsync(HttpClient client, string name) =>
        (await (await client.PostAsJsonAsync("/api/v1/collections", new CreateCollectionRequest { Name = name }, Api.Json)).ReadAsync<CollectionInfo>()).Id;

    private async Task<string> DeviceAsync(string hostname, string scope)
    {
        var device = await Server.Agent().RegisterAsync(new Contracts.Agents.RegisterDeviceRequest
        {
            EnrollmentToken = ServerFactory.EnrollmentToken,
            Facts = new Contracts.Agents.DeviceFacts { Hostname = hostname, Os = "linux", OsVersion = "6.1", Architecture = "x64" },
        });
        using var admin = Server.AdminClient();
        (await admin.PutAsJsonAsync($"/api/v1/devices/{device.DeviceId}/scopes", new SetScopesRequest { Scopes = [scope] }, Api.Json)).EnsureSuccessStatusCode();
        return device.DeviceId;
    }

    private static async Task RefusedAsync(Task<HttpResponseMessage> response, string field) =>
        (await (await response).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe([field]);
}
