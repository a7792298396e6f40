using System.Net;
using System.Net.Sockets;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.Hosting;

/// <summary>Issue 17: the server started on a port another process holds died with an unhandled stack trace (exit 134).</summary>
public sealed class ServerStartTests
{
    [Fact]
    public async Task Server_started_on_a_busy_port_exits_with_a_message_naming_the_address_not_a_stack_trace()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";
        var data = Directory.CreateTempSubdirectory("tsorch-busy-port-");
        try
        {
            var (exitCode, said) = await RefusedServerStart.RunAsync(data.FullName, "--urls", url);
            exitCode.ShouldBe(1, said);
            said.ShouldContain($"{url} is already in use");
            said.ShouldNotContain("Unhandled exception", customMessage: said);
            said.ShouldNotContain("   at ", customMessage: said);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
