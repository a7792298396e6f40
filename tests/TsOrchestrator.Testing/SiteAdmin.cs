using System.Net.Http.Headers;
using Refit;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Serialization;

namespace TsOrchestrator.Testing;

/// <summary>The administrator's side of an end-to-end test or benchmark, through the same typed client the CLI uses.</summary>
public static class SiteAdmin
{
    /// <summary>The admin API of <paramref name="server"/>, signed in with its first Full Administrator key.</summary>
    public static IAdminApi For(ServerProcess server)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Key);
        return RestService.For<IAdminApi>(client, new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.Options) });
    }

    /// <summary>Distributes the package to the distribution point and waits until it is there; fails naming the DP's message.</summary>
    public static async Task DistributeAsync(IAdminApi admin, string packageId, string distributionPointId, TimeSpan? limit = null)
    {
        await admin.DistributePackageAsync(packageId, new DistributeContentRequest { DistributionPointIds = [distributionPointId] });
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < (limit ?? TimeSpan.FromMinutes(2)))
        {
            var status = (await admin.GetPackageContentStatusAsync(packageId)).SingleOrDefault(s => s.DistributionPointId == distributionPointId);
            if (status?.Status == DistributionStatus.Success)
            {
                return;
            }

            if (status?.Status == DistributionStatus.Failed)
            {
                throw new InvalidOperationException($"package {packageId} failed to reach {distributionPointId}: {status.Message}");
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"package {packageId} did not reach {distributionPointId} in {(limit ?? TimeSpan.FromMinutes(2)).TotalSeconds:0} s");
    }

    /// <summary>Distributes the package to the site server's own distribution point.</summary>
    public static async Task DistributeToSiteAsync(IAdminApi admin, string packageId) =>
        await DistributeAsync(admin, packageId, (await admin.ListDistributionPointsAsync()).Single(d => d.IsSiteServer).Id);

    /// <summary>
    /// Deploys the sequence as Required, as soon as possible, to a collection of every unknown computer: what a blank
    /// machine booted from the network or from media is offered.
    /// </summary>
    public static async Task<DeploymentInfo> DeployToUnknownComputersAsync(IAdminApi admin, string sequenceId, string availableTo)
    {
        var unknown = await admin.CreateCollectionAsync(new CreateCollectionRequest { Name = "All Unknown Computers", Rule = new MembershipRule { UnknownComputers = true } });
        return await admin.CreateDeploymentAsync(new CreateDeploymentRequest
        {
            SequenceId = sequenceId, CollectionId = unknown.Id, Purpose = "Required", Rerun = "NeverRerun", AvailableTo = availableTo,
            AllowOutsideMaintenanceWindow = true,
        });
    }
}
