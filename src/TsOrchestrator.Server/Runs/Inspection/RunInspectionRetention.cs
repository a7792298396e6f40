using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Runs.Inspection;

/// <summary>
/// Removes the inspection data of runs that ended more than <see cref="RunInspectionOptions.InspectionRetentionDays"/>
/// ago. The run and its history stay; the run is marked, so its inspection says the data was removed rather than
/// showing steps without their variables.
/// </summary>
public sealed partial class RunInspectionRetention(StoreContext store, IOptions<RunInspectionOptions> options, TimeProvider clock,
    ILogger<RunInspectionRetention> logger)
{
    private const int Batch = 500;

    /// <summary>Removes what is past its days; returns the number of runs whose inspection data was removed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - TimeSpan.FromDays(options.Value.InspectionRetentionDays);
        var removed = 0;
        List<string> due;
        do
        {
            due = await store.Runs.AsNoTracking()
                .Where(r => !RunStatuses.Open.Contains(r.Status) && r.UpdatedAt <= cutoff && r.InspectionRemovedAt == null)
                .Select(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            await using var transaction = await store.Database.BeginTransactionAsync(cancellationToken);
            await store.RunStepInspections.Where(i => due.Contains(i.RunId)).ExecuteDeleteAsync(cancellationToken);
            await store.Runs.Where(r => due.Contains(r.Id)).ExecuteUpdateAsync(
                r => r.SetProperty(x => x.InspectionRemovedAt, now).SetProperty(x => x.InspectionBytes, 0L), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            removed += due.Count;
        }
        while (due.Count == Batch);

        if (removed > 0)
        {
            LogRemoved(removed, options.Value.InspectionRetentionDays);
        }

        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed the inspection data of {Count} runs that ended more than {Days} days ago")]
    private partial void LogRemoved(int count, int days);
}
