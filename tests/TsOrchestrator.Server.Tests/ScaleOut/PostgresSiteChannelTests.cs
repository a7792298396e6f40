using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Server.Agents;
using TsOrchestrator.Server.Notifications;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.ScaleOut;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.ScaleOut;

/// <summary>The site channel's two ends on the test PostgreSQL, as two nodes hold them, without the rest of a server.</summary>
public sealed class PostgresSiteChannelTests : IAsyncLifetime, IDisposable
{
    private readonly SiteNode _sender = new();
    private readonly SiteNode _listener = new();
    private readonly InMemoryDeviceNotificationHub _devices = new(TimeProvider.System);
    private readonly ApprovedDeviceKeys _keys = new(TimeProvider.System, new NoSiteBus());
    private PostgresSiteBus? _bus;
    private PostgresSiteListener? _listening;

    public async Task InitializeAsync()
    {
        if (ServerFactory.PostgresServer is not { } connection)
        {
            return;
        }

        var storage = Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = connection });
        _bus = new PostgresSiteBus(_sender, storage, NullLogger<PostgresSiteBus>.Instance);
        var receiver = new SiteMessageReceiver(new RunEventHub(new NoSiteBus()), _devices, _keys, new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>());
        _listening = new PostgresSiteListener(_listener, storage, receiver, _keys, TimeProvider.System, NullLogger<PostgresSiteListener>.Instance);
        await _bus.StartAsync(CancellationToken.None);
        await _listening.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_listening is not null)
        {
            await _listening.StopAsync(CancellationToken.None);
        }

        if (_bus is not null)
        {
            await _bus.StopAsync(CancellationToken.None);
        }
    }

    public void Dispose()
    {
        _listening?.Dispose();
        _bus?.Dispose();
    }

    [SkippableFact]
    public async Task Notice_sent_by_one_node_reaches_a_poll_held_on_the_other()
    {
        Skip.If(_bus is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");

        var held = _devices.WaitAsync("device-1", TimeSpan.FromSeconds(30), CancellationToken.None);
        _bus!.Send(SiteMessage.ForNotice(["device-1"], AgentNotificationReasons.DeploymentChanged, null));

        (await held).Reasons.ShouldBe([AgentNotificationReasons.DeploymentChanged]);
    }

    [SkippableFact]
    public async Task Listener_whose_connection_was_cut_listens_again_and_forgets_every_remembered_key()
    {
        Skip.If(_bus is null, "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL");
        _keys.Remember("hash-1", "device-2", "PC-2");

        await using (var admin = new NpgsqlConnection(ServerFactory.PostgresServer))
        {
            await admin.OpenAsync();
            await using var cut = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1", admin)
            {
                Parameters = { new NpgsqlParameter { Value = PostgresSiteListener.ListenerName(_listener) } },
            };
            ((long)(await cut.ExecuteScalarAsync())!).ShouldBe(1);
        }

        // Messages sent while the listener is away are lost (notifications only): send until one lands after it is back.
        AgentNotification heard = new();
        for (var attempt = 0; attempt < 120 && heard.Reasons.Count == 0; attempt++)
        {
            var held = _devices.WaitAsync("device-2", TimeSpan.FromMilliseconds(500), CancellationToken.None);
            _bus!.Send(SiteMessage.ForNotice(["device-2"], AgentNotificationReasons.RunResumed, "run-2"));
            heard = await held;
        }

        heard.RunIds.ShouldBe(["run-2"]);
        _keys.TryGet("hash-1", out _, out _).ShouldBeFalse("a forget sent while the listener was away may have been lost");
    }
}
