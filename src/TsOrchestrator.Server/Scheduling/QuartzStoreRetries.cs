using Quartz;

namespace TsOrchestrator.Server.Scheduling;

/// <summary>
/// Quartz's writes to a SQLite store can meet another writer's commit between their read and their write, and fail
/// with a <see cref="JobPersistenceException"/> that the same write a moment later does not: tried again a few times.
/// </summary>
internal static class QuartzStoreRetries
{
    public static async Task RunAsync(Func<Task> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await change();
                return;
            }
            catch (JobPersistenceException) when (attempt < 4)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt * attempt), cancellationToken);
            }
        }
    }
}
