using System.Globalization;
using TsOrchestrator.Agent.UserState;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.StateMigration;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Request State Store: asks the server's state migration point for a store to capture into or restore from, and
/// sets <c>OSDStateStorePath</c> to an empty local staging folder for it (Capture User State uploads from it, Restore
/// User State downloads into it) and <c>OSDStateStoreID</c> to the store's id. A busy or unreachable server is asked
/// again <c>RetryCount</c> times, <c>RetryTime</c> seconds apart; a restore with no captured state fails with the
/// server's reason.
/// </summary>
internal sealed class RequestStateStoreHandler(StateMigrationPoint point) : IStepHandler
{
    public string TypeId => StepTypeIds.RequestStateStore;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var purpose = context.Setting("StateStoreRequestType").Trim() is { Length: > 0 } named ? named : "Capture";
        if (!purpose.Equals("Capture", StringComparison.OrdinalIgnoreCase) && !purpose.Equals("Restore", StringComparison.OrdinalIgnoreCase))
        {
            throw new StepFailedException($"StateStoreRequestType '{purpose}' is neither Capture nor Restore");
        }

        var retries = Number(context, "RetryCount", 3, 0, 100);
        var delay = TimeSpan.FromSeconds(Number(context, "RetryTime", 60, 0, 3600));
        if (context.Flag("FallbackToNetworkAccessAccount"))
        {
            context.Log.Line("FallbackToNetworkAccessAccount: there is no network access account here; the device's own key is the account the state migration point knows");
        }

        var store = await point.RequestAsync(new StateStoreRequest { Purpose = purpose, RunId = context.RunId, WorkItemId = context.WorkItem.Id },
            retries, delay, context.Log, cancellationToken);
        var staging = point.StagingFolder(store.Id);
        if (Directory.Exists(staging))
        {
            StagedTree.Delete(staging, UnixFileKind.Directory);
        }

        // User data passes through it: the agent's user alone may read it.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(staging);
        }
        else
        {
            Directory.CreateDirectory(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        context.Log.Line(purpose.Equals("Restore", StringComparison.OrdinalIgnoreCase)
            ? $"state store {store.Id} (captured on device {store.SourceDeviceId}, {store.SizeBytes:N0} bytes) is ready for restore; staging in {staging}"
            : $"state store {store.Id} is ready for capture; staging in {staging}");
        return new WorkItemResult
        {
            ExitCode = 0,
            Variables = new Dictionary<string, string>
            {
                [UserStateStore.StoreVariable] = staging,
                [StateMigrationPoint.StoreIdVariable] = store.Id,
            },
        };
    }

    private static int Number(StepContext context, string name, int fallback, int min, int max)
    {
        var text = context.Setting(name).Trim();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new StepFailedException($"{name} '{text}' is not a whole number from {min} to {max}");
    }
}
