using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.Hosting;

/// <summary>
/// Issue 17: tools/package.sh publishes the server self-contained and packs it with dpkg-deb; the package's server,
/// extracted as dpkg would lay it out, starts with the settings file the package puts in /etc.
/// </summary>
public sealed class DebianPackageTests
{
    [Fact]
    public async Task Packaged_server_extracted_from_the_deb_starts_with_its_etc_settings_and_is_ready()
    {
        var work = Directory.CreateTempSubdirectory("tsorch-deb-");
        Process? server = null;
        try
        {
            var built = await RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "tools", "package.sh"), "--version", "0.1.0", "--out", Path.Combine(work.FullName, "out")]);
            built.ExitCode.ShouldBe(0, built.Error);
            var deb = built.Output.Trim();
            deb.ShouldEndWith("tsorchestrator-server_0.1.0_amd64.deb");

            var contents = await RunAsync("dpkg-deb", ["--contents", deb]);
            contents.Output.ShouldContain("./lib/systemd/system/tsorch-server.service");
            contents.Output.ShouldContain("./opt/tsorchestrator/server/TsOrchestrator.Server");
            contents.Output.ShouldContain("-rw-r----- root/root");
            (await RunAsync("dpkg-deb", ["--field", deb, "Package"])).Output.Trim().ShouldBe("tsorchestrator-server");
            var control = Path.Combine(work.FullName, "control");
            (await RunAsync("dpkg-deb", ["--control", deb, control])).ExitCode.ShouldBe(0);
            (await File.ReadAllTextAsync(Path.Combine(control, "conffiles"))).Trim().ShouldBe("/etc/tsorchestrator/server.json");
            File.Exists(Path.Combine(control, "postinst")).ShouldBeTrue();

            var root = Path.Combine(work.FullName, "root");
            (await RunAsync("dpkg-deb", ["-x", deb, root])).ExitCode.ShouldBe(0);
            var unit = await File.ReadAllTextAsync(Path.Combine(root, "lib", "systemd", "system", "tsorch-server.service"));
            unit.ShouldContain("ExecStart=/opt/tsorchestrator/server/TsOrchestrator.Server");

            // The data folder and the address are the test's; everything else comes from the package's /etc file,
            // read the way the unit reads it (the program's folder as the working directory).
            var data = Directory.CreateDirectory(Path.Combine(work.FullName, "data")).FullName;
            var url = $"http://127.0.0.1:{FreePort()}";
            var program = Path.Combine(root, "opt", "tsorchestrator", "server");
            var start = new ProcessStartInfo(Path.Combine(program, "TsOrchestrator.Server")) { WorkingDirectory = program, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(url);
            start.Environment["TSORCH_SETTINGS"] = Path.Combine(root, "etc", "tsorchestrator", "server.json");
            start.Environment["Storage__DataDirectory"] = data;
            server = Process.Start(start)!;
            var log = new System.Text.StringBuilder();
            server.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            server.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();

            using var http = new HttpClient();
            HttpStatusCode? ready = null;
            for (var attempt = 0; attempt < 240 && ready != HttpStatusCode.OK && !server.HasExited; attempt++)
            {
                try
                {
                    ready = (await http.GetAsync(new Uri($"{url}/healthz/ready"))).StatusCode;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                if (ready != HttpStatusCode.OK)
                {
                    await Task.Delay(250);
                }
            }

            ready.ShouldBe(HttpStatusCode.OK, log.ToString());
            File.Exists(Path.Combine(data, "admin.key")).ShouldBeTrue();
        }
        finally
        {
            if (server is { HasExited: false })
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }

            server?.Dispose();
            work.Delete(recursive: true);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
