using System.Diagnostics.Metrics;

namespace TsOrchestrator.Server.Telemetry;

/// <summary>
/// The server's own instruments (meter <see cref="MeterName"/>). HTTP request counts and latencies, agent calls among
/// them (route <c>/agent/v1/…</c>), come from ASP.NET Core's built-in meter; these count what only the server knows.
/// </summary>
public sealed class ServerMetrics
{
    public const string MeterName = "TsOrchestrator.Server";

    private readonly Counter<long> runsStarted;
    private readonly Counter<long> runsFinished;
    private readonly Counter<long> stepTransitions;
    private readonly Counter<long> checkIns;
    private readonly Histogram<double> commitDuration;
    private readonly Counter<long> distributedBytes;
    private long distributionQueue;

    public ServerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        runsStarted = meter.CreateCounter<long>("tsorch.runs.started", "{run}", "Runs started on devices");
        runsFinished = meter.CreateCounter<long>("tsorch.runs.finished", "{run}", "Runs that reached an end, by status");
        stepTransitions = meter.CreateCounter<long>("tsorch.step.transitions", "{transition}", "Durable run transitions (a result, a restart, a resume, a cancel)");
        checkIns = meter.CreateCounter<long>("tsorch.agent.check_ins", "{check-in}", "Agent check-ins");
        commitDuration = meter.CreateHistogram<double>("tsorch.store.commit.duration", "s", "Time of one group commit of run transitions to the store");
        distributedBytes = meter.CreateCounter<long>("tsorch.content.distributed", "By", "Content bytes copied to distribution points");
        meter.CreateObservableGauge("tsorch.content.distribution.queue", () => Interlocked.Read(ref distributionQueue), "{distribution}",
            "Distributions queued or under way at the site, as the distribution worker last counted them");
    }

    public void RunStarted() => runsStarted.Add(1);

    public void RunFinished(string status) => runsFinished.Add(1, new KeyValuePair<string, object?>("status", status));

    public void StepTransition() => stepTransitions.Add(1);

    public void CheckIn() => checkIns.Add(1);

    public void StoreCommit(TimeSpan elapsed, int transitions) =>
        commitDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("transitions", transitions <= 1 ? "1" : "many"));

    public void Distributed(long bytes) => distributedBytes.Add(bytes);

    public void DistributionQueue(long queued) => Interlocked.Exchange(ref distributionQueue, queued);
}
