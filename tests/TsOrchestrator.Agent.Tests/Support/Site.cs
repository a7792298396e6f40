using System.Net.Http.Headers;
using Refit;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Contracts.Serialization;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.Support;

/// <summary>The administrator's side of a test: a sequence deployed as Required to a collection holding the device.</summary>
internal static class Site
{
    public static IAdminApi Admin(ServerProcess server) => SiteAdmin.For(server);

    /// <summary>Registers the device (its agent's first start) and deploys the sequence to it, required as soon as possible.</summary>
    public static async Task<string> DeployAsync(ServerProcess server, DeviceUnderTest device, string nativeSequence, string purpose = "Required")
    {
        using (var first = device.Start())
        {
            (await device.WaitAsync(first)).ShouldBe(0, device.Output);
        }

        var admin = Admin(server);
        var sequence = await admin.CreateTaskSequenceAsync(new CreateTaskSequenceRequest { Sequence = NativeFormat.Deserialize(nativeSequence) });
        var collection = await admin.CreateCollectionAsync(new CreateCollectionRequest { Name = $"Devices {Guid.NewGuid():N}"[..20] });
        await admin.AddCollectionMemberAsync(collection.Id, device.DeviceId);
        var deployment = await admin.CreateDeploymentAsync(new CreateDeploymentRequest
        {
            SequenceId = sequence.Summary.Id, CollectionId = collection.Id, Purpose = purpose, Rerun = "NeverRerun", AllowOutsideMaintenanceWindow = true,
        });
        return deployment.Id;
    }

    public static async Task<RunDetails> OnlyRunAsync(ServerProcess server, string deploymentId)
    {
        var admin = Admin(server);
        var run = (await admin.ListRunsAsync(deploymentId: deploymentId)).ShouldHaveSingleItem();
        return await admin.GetRunAsync(run.Id);
    }
}
