using Microsoft.EntityFrameworkCore;
using Quartz;

namespace TsOrchestrator.Server.PhasedDeployments;

/// <summary>Evaluates one phased deployment on its repeating trigger; stops its own trigger once nothing is left to evaluate.</summary>
[DisallowConcurrentExecution]
public sealed partial class PhasedDeploymentJob(PhasedDeploymentEvaluator evaluator, PhasedDeploymentSchedule schedule, ILogger<PhasedDeploymentJob> logger) : IJob
{
    public const string IdKey = "phasedDeploymentId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.MergedJobDataMap.GetString(IdKey)!;
        try
        {
            if (!await evaluator.EvaluateAsync(id, cancellationToken))
            {
                await schedule.UnscheduleAsync(id, cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // An operator changed it during the evaluation: the next one sees the change.
            LogChangedMeanwhile(logger, id);
        }
        catch (ApiProblemException)
        {
            // The same race surfaced through the service's save: the next evaluation sees the change.
            LogChangedMeanwhile(logger, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Phased deployment {PhasedDeploymentId} changed during its evaluation; the next one will look again")]
    private static partial void LogChangedMeanwhile(ILogger logger, string phasedDeploymentId);
}
