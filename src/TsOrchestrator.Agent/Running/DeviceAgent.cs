using Refit;
using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Agent.Connection;
using TsOrchestrator.Agent.Content;
using TsOrchestrator.Agent.Facts;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Journal;
using TsOrchestrator.Agent.Platform;
using TsOrchestrator.Agent.Power;
using TsOrchestrator.Agent.Restarts;
using TsOrchestrator.Agent.UserState;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Capabilities;

namespace TsOrchestrator.Agent.Running;

/// <summary>
/// The agent on one device: registers once, settles its journal, then checks in on an interval (with jitter, so a
/// fleet does not call in step) and runs whatever run the server says is active.
/// </summary>
internal sealed class DeviceAgent : IDisposable
{
    private readonly AgentOptions _options;
    private readonly AgentLog _log;
    private readonly TimeProvider _clock;
    private readonly AgentConnection _connection;
    private readonly CheckpointJournal _journal;
    private readonly RunExecutor _executor;
    private readonly ContentDownloader _content;
    private readonly AgentCapabilities _capabilities;
    private readonly HashSet<string> _notified = new(StringComparer.OrdinalIgnoreCase);
    private readonly Wakeup _checkInNow;

    // Runs the server said an operator resumed or cancelled: one that had just ended here is no longer stale news.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _changedRuns = new(StringComparer.OrdinalIgnoreCase);

    public DeviceAgent(AgentOptions options, AgentLog log, TimeProvider clock)
    {
        _options = options;
        _log = log;
        _clock = clock;
        _checkInNow = new Wakeup(clock);
        Directory.CreateDirectory(options.StateDirectory);
        _connection = new AgentConnection(new ServerChoice(options.Servers, log, clock));
        _journal = new CheckpointJournal(options.StateDirectory, clock);
        _content = new ContentDownloader(Api, _connection.Content, Path.Combine(options.StateDirectory, "cache"), log);
        var environment = options.InBootMedia ? AgentEnvironment.BootImage : AgentEnvironment.FullOs;
        var stateMigration = new StateMigrationPoint(Api, _connection.Content, _connection.Servers, Path.Combine(options.StateDirectory, "state-stores"), log);
        var handlers = StepHandlerRegistry.For(AgentPlatforms.Current, environment, _content, stateMigration);
        _capabilities = AgentPlatforms.Capabilities(AgentPlatforms.Current, environment, handlers);
        _executor = new RunExecutor(Api, _journal, handlers, new DeviceRestarter(options, log, clock),
            new RunPowerPlan(new PowerPlan(log.Info), options.StateDirectory), options, log);
    }

    public IAgentApi Api => _connection.Api;

    /// <summary>Registers the device unless it already has its key (kept in the state folder).</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var store = new DeviceIdentityStore(_options.StateDirectory);
        if (store.Load() is { } identity)
        {
            // The identity is the site's, not the URL's: another node of the site, or a load balancer in front of it,
            // proves it holds the device's key before the agent uses it there.
            if (_options.Servers.Any(s => s.ToString() == identity.Server))
            {
                _connection.Key.Value = identity.DeviceKey;
                return;
            }

            if (await SiteProof.IsSameSiteAsync(Api, identity, _log, cancellationToken))
            {
                _log.Info($"device {identity.DeviceId}, registered through {identity.Server}: {_connection.Servers.Current} is of the same site, keeping the identity");
                _connection.Key.Value = identity.DeviceKey;
                return;
            }

            _log.Warn($"device {identity.DeviceId} was registered through {identity.Server}; {_connection.Servers.Current} is not of that site: registering again");
        }

        // A boot image carries no token: there the agent registers as an unknown computer, as the site allows or refuses.
        var unknownComputer = string.IsNullOrWhiteSpace(_options.EnrollmentToken) && _options.InBootMedia;
        if (string.IsNullOrWhiteSpace(_options.EnrollmentToken) && !unknownComputer)
        {
            throw new AgentUsageException($"this device is not registered with {_connection.Servers.Current}: give --enrollment-token (or TSORCH_AGENT_ENROLLMENT_TOKEN)");
        }

        RegisterDeviceResponse response;
        try
        {
            response = unknownComputer
                ? await ServerCalls.UntilDeliveredAsync(ct => Api.RegisterUnknownComputerAsync(new RegisterUnknownComputerRequest { Facts = Facts() }, ct), "register", _log, cancellationToken)
                : await ServerCalls.UntilDeliveredAsync(ct => Api.RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = _options.EnrollmentToken!, Facts = Facts() }, ct), "register", _log, cancellationToken);
        }
        catch (ApiException e)
        {
            throw new AgentUsageException(unknownComputer
                ? $"{_connection.Servers.Current} refused to register this unknown computer: {ServerCalls.Describe(e)} (the site must allow unknown computers, or give --enrollment-token)"
                : $"{_connection.Servers.Current} refused to register this device: {ServerCalls.Describe(e)} (check the enrollment token)");
        }

        // The server that took the registration: a later start given it keeps the identity without asking for a proof.
        var registeredThrough = _connection.Servers.Current;
        store.Save(new DeviceIdentity { DeviceId = response.DeviceId, DeviceKey = response.DeviceKey, Server = registeredThrough.ToString() });
        _connection.Key.Value = response.DeviceKey;
        _log.Info($"registered with {registeredThrough} as device {response.DeviceId}");
    }

    /// <summary>The service loop; with <paramref name="once"/> it returns as soon as a check-in finds nothing to run.</summary>
    public async Task RunAsync(bool once, CancellationToken cancellationToken)
    {
        // What the last agent left of an interrupted step goes before anything runs again (the step may be retried).
        if (AgentPlatforms.Current.EndInterruptedStep(_options.StateDirectory) is { } group)
        {
            _log.Warn($"ended what was left of the interrupted step's processes (process group {group})");
        }

        if (!_options.InBootMedia)
        {
            RemoveBootImageState();
        }

        await RegisterAsync(cancellationToken);
        _content.RemovePartialDownloads();
        var recovery = await _executor.RecoverAsync(_journal.Load(), cancellationToken);
        // The run this agent last saw end. A check-in may still name it (a server that is behind, or wrong): it is then
        // left until the next check-in interval instead of being asked about again and again in a busy loop.
        string? justEnded = null;
        if (recovery.ResumeRunId is { } resumed)
        {
            await _executor.RunToEndAsync(resumed, cancellationToken, recovered: true);
            justEnded = resumed;
        }

        using var stopListening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? listening = null;
        try
        {
            await ServeAsync(once, recovery, justEnded, () => { listening ??= ListenAsync(stopListening.Token); }, cancellationToken);
        }
        finally
        {
            await stopListening.CancelAsync();
            if (listening is not null)
            {
                try
                {
                    await listening;
                }
                catch (OperationCanceledException)
                {
                    // The agent stops (or restarts): so does its channel.
                }
            }
        }
    }

    private async Task ServeAsync(bool once, JournalRecovery recovery, string? justEnded, Action listen, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // What the server said before this check-in, the check-in sees.
            _checkInNow.Reset();
            var checkIn = await CheckInAsync(cancellationToken);
            if (!once)
            {
                // Opened after the first check-in: what that found is in hand, and every change after it is told.
                listen();
            }
            if (checkIn.ActiveRunId is { } runId && (!string.Equals(runId, justEnded, StringComparison.OrdinalIgnoreCase) || _changedRuns.TryRemove(runId, out _)))
            {
                if (recovery.Unsettled)
                {
                    await _executor.SettleUnmatchedAsync(runId, recovery, cancellationToken);
                    recovery = JournalRecovery.Settled;
                }

                await _executor.RunToEndAsync(runId, cancellationToken);
                justEnded = runId;
                continue;
            }

            if (checkIn.ActiveRunId is { } stale)
            {
                _log.Warn($"the check-in names run {stale} as active, but the server reported it ended: looking again at the next check-in");
            }
            else
            {
                // Nothing active: what the server said of runs before this check-in is settled (a later word wakes the wait).
                _changedRuns.Clear();
            }

            justEnded = null;
            recovery = JournalRecovery.Settled;
            if (once)
            {
                return;
            }

            // ±10 % so that devices started together spread their check-ins; the fast channel ends the wait early.
            var interval = _options.CheckInInterval.TotalMilliseconds;
            await _checkInNow.WaitAsync(TimeSpan.FromMilliseconds(interval * (0.9 + (Random.Shared.NextDouble() * 0.2))), cancellationToken);
        }
    }

    private Task ListenAsync(CancellationToken cancellationToken) =>
        new NotificationChannel(_connection.Channel, _log, _clock).ListenAsync(notice =>
        {
            _log.Info($"the server says check in now: {string.Join(", ", notice.Reasons)}");
            if (notice.RunIds is { Count: > 0 })
            {
                foreach (var runId in notice.RunIds)
                {
                    _changedRuns[runId] = true;
                }

                _executor.RunChanged();
            }

            _checkInNow.Set();
        }, cancellationToken);

    /// <summary>
    /// The boot image's copy of the state (identity, journal, content cache) that Setup Operating System left in
    /// _SMSTaskSequence at the root of the system it installed this agent into, with a state of its own: removed, as
    /// Configuration Manager removes _SMSTaskSequence once the run leaves the boot image, so that a later boot into the
    /// boot image never takes it up again as a run in hand, and the image's cache does not keep the disk's space.
    /// </summary>
    private void RemoveBootImageState()
    {
        var folder = Path.Combine(Path.GetPathRoot(_options.StateDirectory) ?? "/", ImageApplier.TaskSequenceFolder);
        if (!Directory.Exists(Path.Combine(folder, "agent")) || TargetRoots.IsAtOrUnder(_options.StateDirectory, folder))
        {
            return;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
            _log.Info($"removed {folder}, the boot image's state of the run that installed this system");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Warn($"{folder}, the boot image's state of the run that installed this system, could not be removed: {ex.Message}");
        }
    }

    public async Task<CheckInResponse> CheckInAsync(CancellationToken cancellationToken)
    {
        var response = await ServerCalls.UntilDeliveredAsync(ct => Api.CheckInAsync(new CheckInRequest { Facts = Facts() }, ct), "check in", _log, cancellationToken);
        // A required high-impact sequence's notification is shown even when the sequence suppresses the others: it warns
        // that the device is about to be wiped or its OS replaced, before the run (which this check-in may have started) begins.
        foreach (var offer in response.Offers.Where(o => o.Required && !o.AlreadyRun && (o.Notification is not null || !o.SuppressNotifications) && _notified.Add(o.DeploymentId)))
        {
            // Software Center's balloon: on a terminal it is what the person at the device sees; under systemd, the journal.
            if (!offer.SuppressNotifications)
            {
                _log.Info($"new software is available: '{offer.Name}' (required{(offer.RestartRequired ? ", restarts the device" : "")})");
            }

            if (offer.Notification is { } notice)
            {
                _log.Info($"high-impact: '{offer.Name}': {notice.Headline}");
                foreach (var message in notice.Messages.Where(m => m.Length > 0))
                {
                    _log.Info($"  {message}");
                }
            }
        }

        return response;
    }

    /// <summary>Starts an available deployment (Software Center's Install) and runs it here.</summary>
    public async Task<AgentRunStatus> InstallAsync(string deploymentId, CancellationToken cancellationToken)
    {
        StartRunResponse started;
        try
        {
            started = await Api.StartDeploymentAsync(deploymentId, cancellationToken);
        }
        catch (ApiException ex) when (!ServerCalls.IsOutage(ex, cancellationToken))
        {
            throw new AgentUsageException($"the server refused to start deployment {deploymentId}: {ServerCalls.Describe(ex)}");
        }
        catch (ServerAnswerException ex)
        {
            // Software Center's Install is a person's one-off request: say what was wrong rather than ask again.
            throw new AgentUsageException($"the server's answer to starting deployment {deploymentId} was refused: {ex.Message}");
        }

        _log.Info($"deployment {deploymentId} started as run {started.RunId}");
        return await _executor.RunToEndAsync(started.RunId, cancellationToken);
    }

    /// <summary>Packages the last run could not get from any distribution point.</summary>
    public IReadOnlyList<string> MissingPackages => _executor.MissingPackages;

    /// <summary>Goes on with the device's own failed run at its failed step (the boot wizard's Previous).</summary>
    public async Task<AgentRunStatus> ResumeAsync(string runId, CancellationToken cancellationToken)
    {
        await ServerCalls.UntilDeliveredAsync(ct => Api.ResumeRunAsync(runId, ct), "resume the run", _log, cancellationToken);
        return await _executor.RunToEndAsync(runId, cancellationToken);
    }

    private DeviceFacts Facts() => DeviceFactsReader.Read(_options.StateDirectory, _options.InBootMedia, _capabilities);

    public void Dispose() => _connection.Dispose();
}
