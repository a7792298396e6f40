using Refit;
using TsOrchestrator.Agent;
using TsOrchestrator.Agent.Configuration;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Journal;
using TsOrchestrator.Agent.Power;
using TsOrchestrator.Agent.Restarts;
using TsOrchestrator.Agent.Running;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Serialization;

namespace TsOrchestrator.Bench.Fleet;

/// <summary>
/// One device of the fleet: the agent's own run core (executor, checkpoint journal, restart in exit mode) with
/// no-op handlers, in-process. A restart is simulated as the agent process would see it: the executor is dropped
/// and a new one starts from the journal.
/// </summary>
internal sealed class SimulatedDevice(int number, Uri server, string stateRoot, HttpMessageHandler shared, StepHandlerRegistry handlers)
{
    private static readonly AgentLog Quiet = new(TextWriter.Null, TimeProvider.System);

    public int Restarts { get; private set; }
    public string Status { get; private set; } = "NotStarted";

    public async Task RunAsync(string enrollmentToken, CancellationToken cancellationToken)
    {
        var options = new AgentOptions
        {
            Servers = [server], StateDirectory = Path.Combine(stateRoot, $"device-{number:D5}"), RestartMode = RestartMode.Exit,
            RunWatchInterval = TimeSpan.FromMinutes(10),
        };
        Directory.CreateDirectory(options.StateDirectory);
        var key = new DeviceKeyInjector(shared);
        using var http = new HttpClient(key, disposeHandler: false) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(5) };
        var api = RestService.For<IAgentApi>(http, new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.Options) });
        var facts = new DeviceFacts { Hostname = $"fleet-{number:D5}", Os = "linux", OsVersion = "12", Architecture = "x64", FreeDiskMb = 50_000 };
        key.Key = (await api.RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = enrollmentToken, Facts = facts }, cancellationToken)).DeviceKey;

        var plan = new PowerPlan(Quiet.Info);
        while (!cancellationToken.IsCancellationRequested)
        {
            var journal = new CheckpointJournal(options.StateDirectory, TimeProvider.System);
            var executor = new RunExecutor(api, journal, handlers, new DeviceRestarter(options, Quiet, TimeProvider.System),
                new RunPowerPlan(plan, options.StateDirectory), options, Quiet);
            try
            {
                if ((await executor.RecoverAsync(journal.Load(), cancellationToken)).ResumeRunId is { } resumed)
                {
                    Status = (await executor.RunToEndAsync(resumed, cancellationToken)).Status;
                }

                if (Status is "Succeeded" or "Failed")
                {
                    return;
                }

                var checkIn = await api.CheckInAsync(new CheckInRequest { Facts = facts }, cancellationToken);
                if (checkIn.ActiveRunId is { } runId)
                {
                    Status = (await executor.RunToEndAsync(runId, cancellationToken)).Status;
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (RestartRequestedException)
            {
                Restarts++;
            }
        }
    }
}
