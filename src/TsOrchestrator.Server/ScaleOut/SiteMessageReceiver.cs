using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Server.Agents;
using TsOrchestrator.Server.Notifications;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.ScaleOut;

/// <summary>Hands what another node sent to this node's own paths only: nothing received is sent on again.</summary>
internal sealed class SiteMessageReceiver(RunEventHub runs, InMemoryDeviceNotificationHub devices, ApprovedDeviceKeys keys, IServiceScopeFactory scopes)
{
    public async Task ReceiveAsync(SiteMessage message, CancellationToken cancellationToken)
    {
        if (message.Run is { } run)
        {
            runs.Deliver(run);
        }
        else if (message.RunReference is { } reference && runs.IsWatched(reference.RunId))
        {
            runs.Deliver(await ReadAsync(reference, cancellationToken));
        }
        else if (message.Notify is { } notice)
        {
            devices.Notify(notice.Devices, notice.Reason, notice.RunId);
        }
        else if (message.ForgetDevice is { } deviceId)
        {
            keys.ForgetHere(deviceId);
        }
    }

    /// <summary>The event as the sending node published it, read back from the store it committed to first.</summary>
    private async Task<RunEventMessage> ReadAsync(RunEventReference reference, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
            var run = await store.Runs.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking()
                .Where(r => r.Id == reference.RunId).Select(r => new { r.Status, r.CurrentStep }).FirstAsync(cancellationToken);
            var sequences = reference.Sequences.ToList();
            var records = sequences.Count == 0 ? [] : await store.RunHistory.AsNoTracking()
                .Where(h => h.RunId == reference.RunId && sequences.Contains(h.Sequence)).OrderBy(h => h.Sequence).ToListAsync(cancellationToken);
            RunLogEntry? log = null;
            if (reference is { LogWorkItemId: { } workItemId, LogOffset: { } offset })
            {
                log = await store.RunLogChunks.AsNoTracking().Where(c => c.RunId == reference.RunId && c.WorkItemId == workItemId && c.Offset == offset)
                    .Select(c => new RunLogEntry { WorkItemId = c.WorkItemId, Offset = c.Offset, Text = c.Text }).FirstOrDefaultAsync(cancellationToken);
            }

            return new RunEventMessage { RunId = reference.RunId, Status = run.Status, CurrentStep = run.CurrentStep, Records = [.. records.Select(RunStepRecords.From)], Log = log };
        }
    }
}
