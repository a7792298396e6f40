using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Server.Notifications;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Agents;

/// <summary>What a device's held fast-channel poll keeps on the server: its socket and mailbox, not a store connection.</summary>
public sealed class HeldPollStoreConnectionTests : IDisposable
{
    private const int Devices = 40;
    private readonly ServerFactory _server = new();

    [Fact]
    public async Task Polls_held_by_devices_whose_keys_were_looked_up_keep_no_store_connection_open()
    {
        var keys = new List<string>();
        for (var i = 0; i < Devices; i++)
        {
            var facts = new DeviceFacts { Hostname = $"held-{i:D2}", Os = "linux", OsVersion = "12", Architecture = "x64" };
            keys.Add((await _server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = facts })).DeviceKey);
        }

        // Each poll's key is not yet remembered (registering does not), so each is looked up in the store first.
        using var leave = new CancellationTokenSource();
        var clients = keys.Select(_server.ClientWithKey).ToList();
        var polls = clients.Select(c => c.GetAsync(new Uri("/agent/v1/notifications?wait=50", UriKind.Relative), leave.Token)).ToList();
        var hub = _server.Services.GetRequiredService<InMemoryDeviceNotificationHub>();
        for (var i = 0; i < 600 && hub.Waiting < Devices; i++)
        {
            await Task.Delay(50);
        }

        hub.Waiting.ShouldBe(Devices);
        // Before, each held poll kept the connection its key lookup opened: one SQLite file handle per device.
        OpenStoreFiles().ShouldBeLessThan(Devices / 4);

        await leave.CancelAsync();
        await Task.WhenAll(polls.Select(p => p.ContinueWith(_ => { }, TaskScheduler.Default)));
        clients.ForEach(c => c.Dispose());
    }

    /// <summary>This process's open handles on the store's SQLite file (one per open connection).</summary>
    private int OpenStoreFiles()
    {
        var database = Path.GetFullPath(Path.Combine(_server.DataDirectory, "tsorchestrator.db"));
        return Directory.GetFiles("/proc/self/fd").Count(fd =>
        {
            try
            {
                return new FileInfo(fd).LinkTarget == database;
            }
            catch (IOException)
            {
                return false; // closed meanwhile
            }
        });
    }

    public void Dispose() => _server.Dispose();
}
