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

    /// <summary>
    /// Issue 15: the distribution point is its own program. An operator upgrading a DP whose unit still says
    /// <c>--Server:Role=DistributionPoint</c> must not get a site server (a fresh store, an admin key) in its place.
    /// </summary>
    [Fact]
    public async Task Server_given_the_retired_Server_Role_setting_refuses_to_start_and_names_the_distribution_point_program()
    {
        var data = Directory.CreateTempSubdirectory("tsorch-server-role-");
        try
        {
            var (exitCode, said) = await RefusedServerStart.RunAsync(data.FullName, "--urls", "http://127.0.0.1:0", "--Server:Role=DistributionPoint");
            exitCode.ShouldBe(1, said);
            said.Trim().ShouldStartWith("tsorch-server: Server:Role (DistributionPoint) is no longer read");
            said.ShouldContain("TsOrchestrator.DistributionPoint");
            said.Trim().Split('\n').Length.ShouldBe(1, said);
            data.GetFiles().ShouldBeEmpty("nothing of a site server is made: no store, no admin key");
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
