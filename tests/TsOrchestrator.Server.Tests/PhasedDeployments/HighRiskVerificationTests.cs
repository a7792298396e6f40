using System.Net;
using System.Net.Http.Json;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.PhasedDeployments;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.PhasedDeployments;

/// <summary>
/// High-risk verification (TS-SEMANTICS §6) with the site's settings at default size 3 and maximum 5: required
/// deployments of high-impact sequences to larger collections, or to collections with servers, are refused or need
/// confirmation; phased deployments are verified phase by phase.
/// </summary>
public sealed class HighRiskVerificationTests(RolloutSite site) : IClassFixture<RolloutSite>
{
    [Fact]
    public async Task Site_high_risk_settings_are_readable()
    {
        var settings = await site.Admin().GetHighRiskSettingsAsync();

        settings.DefaultCollectionSize.ShouldBe(RolloutSite.DefaultCollectionSize);
        settings.MaximumCollectionSize.ShouldBe(RolloutSite.MaximumCollectionSize);
        settings.CollectionsWithServers.ShouldBe("Block");
    }

    [Fact]
    public async Task Required_high_impact_deployment_above_the_default_size_needs_confirmation()
    {
        var sequenceId = await site.SequenceAsync("Wipe and load, large", highImpact: true);
        var (collection, _) = await site.CollectionAsync("large", RolloutSite.DefaultCollectionSize + 1);
        using var http = site.Http();
        var request = new CreateDeploymentRequest { SequenceId = sequenceId, CollectionId = collection, Purpose = "Required" };

        var unconfirmed = await http.PostAsJsonAsync("/api/v1/deployments", request, Api.Json);

        var problem = await unconfirmed.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.ErrorFields().ShouldBe(["confirmHighRisk"]);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("4 devices, more than the site's default size of 3");
        (await site.Admin().ListDeploymentsAsync(sequenceId)).ShouldBeEmpty();

        var confirmed = await site.Admin().CreateDeploymentAsync(request with { ConfirmHighRisk = true });

        confirmed.Purpose.ShouldBe("Required");
        (await site.Admin().ListAuditAsync("Deployment", confirmed.Id)).Single().Detail.ShouldNotBeNull().ShouldContain("high-risk confirmed");
    }

    [Fact]
    public async Task Required_high_impact_deployment_above_the_maximum_size_is_refused_even_when_confirmed()
    {
        var sequenceId = await site.SequenceAsync("Wipe and load, too large", highImpact: true);
        var (collection, _) = await site.CollectionAsync("too-large", RolloutSite.MaximumCollectionSize + 1);
        using var http = site.Http();

        var response = await http.PostAsJsonAsync("/api/v1/deployments",
            new CreateDeploymentRequest { SequenceId = sequenceId, CollectionId = collection, Purpose = "Required", ConfirmHighRisk = true }, Api.Json);

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["collectionId"]);
        (await site.Admin().ListDeploymentsAsync(sequenceId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Required_high_impact_deployment_to_a_collection_with_servers_is_blocked()
    {
        var sequenceId = await site.SequenceAsync("Wipe and load, servers", highImpact: true);
        var (collection, _) = await site.CollectionAsync("servers", 1, osVersion: "Windows Server 2022 10.0.20348");
        using var http = site.Http();

        var response = await http.PostAsJsonAsync("/api/v1/deployments",
            new CreateDeploymentRequest { SequenceId = sequenceId, CollectionId = collection, Purpose = "Required", ConfirmHighRisk = true }, Api.Json);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.ErrorFields().ShouldBe(["collectionId"]);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("contains servers");
        (await site.Admin().ListDeploymentsAsync(sequenceId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Collection_with_servers_needs_only_confirmation_when_the_site_says_confirm()
    {
        var confirming = new RolloutSite(["--HighRisk:CollectionsWithServers=Confirm"]);
        await confirming.InitializeAsync();
        try
        {
            var sequenceId = await confirming.SequenceAsync("Wipe and load, servers confirmed", highImpact: true);
            var (collection, _) = await confirming.CollectionAsync("servers-confirmed", 1, osVersion: "Windows Server 2022 10.0.20348");
            using var http = confirming.Http();
            var request = new CreateDeploymentRequest { SequenceId = sequenceId, CollectionId = collection, Purpose = "Required" };

            var unconfirmed = await http.PostAsJsonAsync("/api/v1/deployments", request, Api.Json);

            var problem = await unconfirmed.ShouldBeProblemAsync(HttpStatusCode.Conflict);
            problem.ErrorFields().ShouldBe(["confirmHighRisk"]);
            problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("contains servers");
            (await confirming.Admin().CreateDeploymentAsync(request with { ConfirmHighRisk = true })).Purpose.ShouldBe("Required");
        }
        finally
        {
            await confirming.DisposeAsync();
        }
    }

    [Fact]
    public async Task Phase_whose_collection_grew_past_the_maximum_does_not_begin_and_the_phased_deployment_says_why()
    {
        var sequenceId = await site.SequenceAsync("Wipe and load, growing", highImpact: true);
        var (pilot, pilotDevices) = await site.CollectionAsync("growing-pilot", 1);
        var (broad, _) = await site.CollectionAsync("growing-broad", 1);
        var created = await site.Admin().CreatePhasedDeploymentAsync(new CreatePhasedDeploymentRequest
        {
            SequenceId = sequenceId,
            Phases = [new PhaseSettings { CollectionId = pilot, DeadlineDays = 0, DeferralDays = 0, SuccessPercent = 100 }, new PhaseSettings { CollectionId = broad, DeadlineDays = 0 }],
        });
        var (_, newcomers) = await site.CollectionAsync("growing-newcomers", RolloutSite.MaximumCollectionSize);
        using var http = site.Http();
        foreach (var device in newcomers)
        {
            (await http.PutAsync($"/api/v1/collections/{broad}/members/{device.Id}", null)).EnsureSuccessStatusCode();
        }

        (await pilotDevices[0].CheckInAndRunAsync()).ShouldBe("Succeeded");

        var suspended = await site.WaitUntilAsync(created.Id, p => p.Status == "Suspended", "suspended instead of beginning phase 2");
        suspended.CurrentPhase.ShouldBe(1);
        suspended.Phases[1].DeploymentId.ShouldBeNull();
        suspended.SuspendReason.ShouldNotBeNull().ShouldStartWith("phase 2 could not begin: ");
        suspended.SuspendReason.ShouldContain("6 devices, more than the site's maximum of 5");
    }

    [Theory]
    [InlineData("Windows Server 2022 10.0.20348", "PC-01", true)]
    [InlineData("10.0.22631", "dp02.lab.example", true)]
    [InlineData("10.0.22631", "PC-01", false)]
    public void Server_editions_and_site_systems_are_servers(string osVersion, string hostname, bool server)
    {
        var device = new TsOrchestrator.Server.Storage.DeviceEntity { Id = "DEV1", Name = hostname, KeyHash = "", OsVersion = osVersion };

        TsOrchestrator.Server.Deployments.HighRiskVerification.IsServer(device, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "DP02.lab.example" }).ShouldBe(server);
    }

    [Theory]
    [InlineData("server", null, true)]
    [InlineData(null, "server", true)]
    [InlineData(null, "domainController", true)]
    [InlineData("vm", null, false)]
    [InlineData("desktop", "workstation", false)]
    [InlineData(null, null, false)]
    public void Server_chassis_and_windows_server_product_types_are_servers(string? chassis, string? productType, bool server)
    {
        // Issue 16: only "server" in the OS version counted, which a Linux server ("12") never reports.
        var device = new TsOrchestrator.Server.Storage.DeviceEntity { Id = "DEV1", Name = "host-01", KeyHash = "", OsVersion = "12", Chassis = chassis, OsProductType = productType };

        TsOrchestrator.Server.Deployments.HighRiskVerification.IsServer(device, new HashSet<string>()).ShouldBe(server);
    }

    [Fact]
    public async Task Linux_device_that_reports_a_server_chassis_blocks_a_required_high_impact_deployment_and_a_lab_vm_does_not()
    {
        // Issue 16: a Linux server reports its OS version as "12", so the servers check could never fire on real agents.
        var sequenceId = await site.SequenceAsync("Wipe and load, Linux servers", highImpact: true);
        var (lab, labDevices) = await site.CollectionAsync("linux-lab", 1, osVersion: "12");
        var (rack, rackDevices) = await site.CollectionAsync("linux-rack", 1, osVersion: "12");
        (await labDevices[0].Agent.CheckInAsync(new CheckInRequest { Facts = labDevices[0].Facts with { Chassis = "vm" } })).ShouldNotBeNull();
        (await rackDevices[0].Agent.CheckInAsync(new CheckInRequest { Facts = rackDevices[0].Facts with { Chassis = "server" } })).ShouldNotBeNull();
        using var http = site.Http();

        var refused = await http.PostAsJsonAsync("/api/v1/deployments",
            new CreateDeploymentRequest { SequenceId = sequenceId, CollectionId = rack, Purpose = "Required", ConfirmHighRisk = true }, Api.Json);

        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain($"contains servers ({rackDevices[0].Id})");
        (await site.Admin().CreateDeploymentAsync(new CreateDeploymentRequest { SequenceId = sequenceId, CollectionId = lab, Purpose = "Required" }))
            .Purpose.ShouldBe("Required");
    }

    [Fact]
    public async Task Check_in_with_an_unknown_os_product_type_is_refused_naming_the_field()
    {
        var (_, devices) = await site.CollectionAsync("bad-product-type", 1);

        var exception = await Should.ThrowAsync<Refit.ApiException>(() =>
            devices[0].Agent.CheckInAsync(new CheckInRequest { Facts = devices[0].Facts with { OsProductType = "mainframe" } }));

        exception.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        exception.Content.ShouldNotBeNull().ShouldContain("facts.osProductType");
    }

    [Fact]
    public async Task Available_or_ordinary_deployments_to_the_same_collections_need_no_confirmation()
    {
        var highImpact = await site.SequenceAsync("Wipe and load, offered", highImpact: true);
        var ordinary = await site.SequenceAsync("Install an app");
        var (large, _) = await site.CollectionAsync("large-offered", RolloutSite.MaximumCollectionSize + 1);

        (await site.Admin().CreateDeploymentAsync(new CreateDeploymentRequest { SequenceId = highImpact, CollectionId = large, Purpose = "Available" })).Purpose.ShouldBe("Available");
        (await site.Admin().CreateDeploymentAsync(new CreateDeploymentRequest { SequenceId = ordinary, CollectionId = large, Purpose = "Required" })).Purpose.ShouldBe("Required");
    }

    [Fact]
    public async Task Each_phase_of_a_phased_deployment_is_verified_and_nothing_is_stored_when_one_fails()
    {
        var sequenceId = await site.SequenceAsync("Wipe and load, phased", highImpact: true);
        var (pilot, _) = await site.CollectionAsync("phased-pilot", 1);
        var (large, _) = await site.CollectionAsync("phased-large", RolloutSite.DefaultCollectionSize + 1);
        var (servers, _) = await site.CollectionAsync("phased-servers", 1, osVersion: "Windows Server 2019 10.0.17763");
        using var http = site.Http();
        var request = new CreatePhasedDeploymentRequest
        {
            SequenceId = sequenceId,
            Phases = [new PhaseSettings { CollectionId = pilot, DeadlineDays = 0 }, new PhaseSettings { CollectionId = large, DeadlineDays = 0 }],
        };

        var unconfirmed = await http.PostAsJsonAsync("/api/v1/phased-deployments", request, Api.Json);
        (await unconfirmed.ShouldBeProblemAsync(HttpStatusCode.Conflict)).ErrorFields().ShouldBe(["confirmHighRisk"]);
        var blocked = await http.PostAsJsonAsync("/api/v1/phased-deployments",
            request with { ConfirmHighRisk = true, Phases = [.. request.Phases!, new PhaseSettings { CollectionId = servers }] }, Api.Json);
        (await blocked.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["phases[2].collectionId"]);
        (await site.Admin().ListDeploymentsAsync(sequenceId)).ShouldBeEmpty();

        var created = await site.Admin().CreatePhasedDeploymentAsync(request with { ConfirmHighRisk = true });

        created.Phases.Count.ShouldBe(2);
        (await site.Admin().ListAuditAsync("PhasedDeployment", created.Id)).Single().Detail.ShouldNotBeNull().ShouldContain($"high-risk confirmed for {large}");
    }
}
