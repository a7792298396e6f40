using System.Diagnostics;
using Refit;
using TsOrchestrator.Bench.Fleet;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Serialization;

namespace TsOrchestrator.Bench.Notify;

/// <summary>
/// One simulated device of the notify benchmark, speaking the agent API as the agent does: it waits on the fast channel
/// (or on its check-in interval, for the baseline), checks in, and takes its run's step. The moment it receives the
/// step's work item is when the step starts on the device. The first step of each run fails, so an operator can resume it.
/// </summary>
internal sealed class NotifiedDevice : IDisposable
{
    private readonly IAgentApi _api;
    private readonly IAgentChannelApi _channel;
    private readonly DeviceFacts _facts;
    private readonly DeviceKeyInjector _key;
    private readonly HttpClient _http;
    private readonly HashSet<string> _failedOnce = new(StringComparer.Ordinal);
    private long _stepStarted;

    public NotifiedDevice(int number, Uri server, HttpMessageHandler shared)
    {
        _key = new DeviceKeyInjector(shared);
        _http = new HttpClient(_key, disposeHandler: false) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(5) };
        var settings = new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.Options) };
        _api = RestService.For<IAgentApi>(_http, settings);
        _channel = RestService.For<IAgentChannelApi>(_http, settings);
        _facts = new DeviceFacts { Hostname = $"notify-{number:D5}", Os = "linux", OsVersion = "12", Architecture = "x64", FreeDiskMb = 50_000 };
    }

    /// <summary>The run the device last worked on (the one an operator resumes).</summary>
    public string? RunId { get; private set; }

    /// <summary>Polls answered so far (the first tells that the device is on the channel).</summary>
    public int Polls { get; private set; }

    /// <summary>Stopwatch timestamp of the last step start; 0 once <see cref="ResetStepStart"/> is called until the next.</summary>
    public long StepStarted => Interlocked.Read(ref _stepStarted);

    public void ResetStepStart() => Interlocked.Exchange(ref _stepStarted, 0);

    public async Task RegisterAsync(string enrollmentToken, CancellationToken cancellationToken) =>
        _key.Key = (await _api.RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = enrollmentToken, Facts = _facts }, cancellationToken)).DeviceKey;

    /// <summary>The agent with the fast channel: a held poll, a check-in whenever the server says so.</summary>
    public async Task ListenAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var poll = _channel.WaitForNotificationAsync(50, cancellationToken);
                Polls++;
                if ((await poll).Reasons.Count > 0)
                {
                    await CheckInAndWorkAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The benchmark moves on (a check-in may be cut short: what it measured is already taken).
        }
    }

    /// <summary>The agent without the channel: a check-in every <paramref name="interval"/> (±10 %).</summary>
    public async Task PollOnIntervalAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            // Devices of a fleet are at every point of their interval when the operator acts.
            await Task.Delay(interval * Random.Shared.NextDouble(), cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                await CheckInAndWorkAsync(cancellationToken);
                await Task.Delay(interval * (0.9 + (Random.Shared.NextDouble() * 0.2)), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckInAndWorkAsync(CancellationToken cancellationToken)
    {
        var checkIn = await _api.CheckInAsync(new CheckInRequest { Facts = _facts }, cancellationToken);
        if (checkIn.ActiveRunId is not { } runId)
        {
            return;
        }

        RunId = runId;
        var status = await _api.GetRunAsync(runId, 0, cancellationToken);
        while (status is { Status: "Running", WorkItem: { } item })
        {
            Interlocked.CompareExchange(ref _stepStarted, Stopwatch.GetTimestamp(), 0);
            var succeeded = !_failedOnce.Add(runId);
            status = await _api.PostResultAsync(runId, item.Id, new WorkItemResult { ExitCode = succeeded ? 0 : 1, Succeeded = succeeded }, cancellationToken);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _key.Dispose();
    }
}
