using TsOrchestrator.Agent.UserState;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Release State Store: tells the state migration point that the capture or restore of the store Request State Store
/// named (<c>OSDStateStoreID</c>) is over. It uploads nothing; after a restore the server's retention starts. The
/// local staging folder is removed, so no user data stays behind on the device.
/// </summary>
internal sealed class ReleaseStateStoreHandler(StateMigrationPoint point) : IStepHandler
{
    public string TypeId => StepTypeIds.ReleaseStateStore;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var storeId = context.Variables.TryGetValue(StateMigrationPoint.StoreIdVariable, out var id) && id.Trim() is { Length: > 0 } named
            ? named
            : throw new StepFailedException($"there is no state store to release: run Request State Store first (it sets {StateMigrationPoint.StoreIdVariable})");
        var store = await point.ReleaseAsync(storeId, StateMigrationPoint.TransferAttempts, TimeSpan.FromSeconds(5), context.Log, cancellationToken);
        var staging = point.StagingFolder(store.Id);
        if (Directory.Exists(staging))
        {
            StagedTree.Delete(staging, UnixFileKind.Directory);
        }

        context.Log.Line($"state store {store.Id} released: it is {store.Status}" + (store.DeleteAfter is { } due ? $", kept until {due:u}" : ""));
        return new WorkItemResult { ExitCode = 0 };
    }
}
