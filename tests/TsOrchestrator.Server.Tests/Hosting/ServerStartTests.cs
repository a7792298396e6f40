using System.Diagnostics;
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
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data.FullName };
            foreach (var argument in (string[])[RepositoryPaths.Built("TsOrchestrator.Server", "TsOrchestrator.Server.dll"), "--urls", url, $"--Storage:DataDirectory={data.FullName}"])
            {
                start.ArgumentList.Add(argument);
            }

            using var server = Process.Start(start)!;
            var output = server.StandardOutput.ReadToEndAsync();
            var error = server.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await server.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                server.Kill(entireProcessTree: true);
                throw new ShouldAssertException($"the server kept running on a port it could not bind:\n{await output}\n{await error}");
            }

            var said = await output + await error;
            server.ExitCode.ShouldBe(1, said);
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
