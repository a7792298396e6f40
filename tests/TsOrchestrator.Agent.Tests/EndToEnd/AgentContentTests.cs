using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.EndToEnd;

/// <summary>Packages from the content library reaching the device through distribution points, with the real processes.</summary>
public sealed class AgentContentTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    [Fact]
    public async Task Run_fails_at_the_download_naming_the_package_until_it_is_distributed_and_resume_then_completes_it()
    {
        using var device = new DeviceUnderTest(server);
        var admin = Site.Admin(server);
        var package = await CreatePackageAsync(admin, device, "Tool");
        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "CONT0001", "name": "Install a tool", "nodes": [
              {"kind": "step", "name": "Download", "type": "DownloadPackageContent", "settings": {"DownloadPackages": "{{{package.Id}}}", "DestinationVariable": "ToolPath"}},
              {"kind": "step", "name": "Check", "type": "RunShellScript", "settings": {"Script": "test -f \"$ToolPath01/install.sh\""}},
              {"kind": "step", "name": "Install", "type": "InstallPackage", "settings": {"PackageID": "{{{package.Id}}}", "ProgramName": "Install"}}
            ]}
            """);

        await device.RunUntilIdleAsync();
        var failed = await Site.OnlyRunAsync(server, deploymentId);
        failed.Summary.Status.ShouldBe("Failed");
        failed.History.ShouldHaveSingleItem().Reason.ShouldBe(
            $"package {package.Id} 'Tool' version 1 is not on any distribution point yet: distribute it, then resume the run");

        await DistributeAsync(admin, package.Id, (await admin.ListDistributionPointsAsync()).Single(d => d.IsSiteServer).Id);
        await admin.ResumeRunAsync(failed.Summary.Id, new ResumeRunRequest());
        await device.RunUntilIdleAsync();

        var run = await Site.OnlyRunAsync(server, deploymentId);
        run.Summary.Status.ShouldBe("Succeeded", device.Output);
        File.ReadAllText(Path.Combine(device.Files, "installed.txt")).Trim().ShouldBe("installed from the package");
    }

    [Fact]
    public async Task File_with_the_wrong_hash_on_one_distribution_point_is_refused_and_the_next_one_used()
    {
        const string accessKey = "agent-tests-dp-access-key";
        await using var remote = new ServerProcess
        {
            ExtraArguments = ["--Server:Role=DistributionPoint", $"--DistributionPoint:AccessKey={accessKey}", $"--DistributionPoint:SiteServerUrl={server.Url}"],
        };
        await remote.InitializeAsync();
        using var device = new DeviceUnderTest(server);
        var admin = Site.Admin(server);
        var package = await CreatePackageAsync(admin, device, "Tool with a bad copy");
        var dp = await admin.CreateDistributionPointAsync(new CreateDistributionPointRequest { Name = "Branch DP", Url = remote.Url, AccessKey = accessKey });
        await DistributeAsync(admin, package.Id, dp.Id);
        await DistributeAsync(admin, package.Id, (await admin.ListDistributionPointsAsync()).Single(d => d.IsSiteServer).Id);
        foreach (var file in Directory.GetFiles(Path.Combine(remote.DataDirectory, "content"), "*", SearchOption.AllDirectories))
        {
            File.WriteAllText(file, "tampered on the branch DP");
        }

        var deploymentId = await Site.DeployAsync(server, device, $$$"""
            {"formatVersion": 1, "id": "CONT0002", "name": "Install from two DPs", "nodes": [
              {"kind": "step", "name": "Install", "type": "InstallPackage", "settings": {"PackageID": "{{{package.Id}}}", "ProgramName": "Install"}}
            ]}
            """);
        await device.RunUntilIdleAsync();

        (await Site.OnlyRunAsync(server, deploymentId)).Summary.Status.ShouldBe("Succeeded", device.Output);
        File.Exists(Path.Combine(device.Files, "installed.txt")).ShouldBeTrue();
        device.Output.ShouldContain($"content {package.Id} from {dp.Id}");
        device.Output.ShouldContain("hash mismatch");
    }

    private static async Task<PackageInfo> CreatePackageAsync(IAdminApi admin, DeviceUnderTest device, string name)
    {
        var source = Directory.CreateDirectory(Path.Combine(device.Files, "source-" + name.Replace(' ', '-'))).FullName;
        File.WriteAllText(Path.Combine(source, "install.sh"), $"echo installed from the package > {device.Files}/installed.txt\n");
        return await admin.CreatePackageAsync(new CreatePackageRequest
        {
            Name = name, SourcePath = source, Programs = [new PackageProgram { Name = "Install", CommandLine = "sh install.sh" }],
        });
    }

    private static async Task DistributeAsync(IAdminApi admin, string packageId, string distributionPointId)
    {
        await admin.DistributePackageAsync(packageId, new DistributeContentRequest { DistributionPointIds = [distributionPointId] });
        for (var i = 0; i < 600; i++)
        {
            var status = (await admin.GetPackageContentStatusAsync(packageId)).SingleOrDefault(s => s.DistributionPointId == distributionPointId);
            if (status?.Status == DistributionStatus.Success)
            {
                return;
            }

            status?.Status.ShouldNotBe(DistributionStatus.Failed, status.Message);
            await Task.Delay(100);
        }

        throw new ShouldAssertException($"package {packageId} did not reach {distributionPointId}");
    }
}
