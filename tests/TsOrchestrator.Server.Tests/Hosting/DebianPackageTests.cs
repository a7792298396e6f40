using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.Hosting;

/// <summary>
/// Issue 17: tools/package.sh publishes the server self-contained and packs it with dpkg-deb; the package's server,
/// extracted as dpkg would lay it out, starts with the settings file the package puts in /etc. Issue 15: the same script
/// packs the distribution point host as tsorchestrator-dp, whose program starts the same way, against that server.
/// </summary>
public sealed class DebianPackageTests
{
    [Fact]
    public async Task Packaged_server_and_distribution_point_extracted_from_their_debs_start_with_their_etc_settings_and_are_ready()
    {
        var work = Directory.CreateTempSubdirectory("tsorch-deb-");
        var started = new List<Process>();
        try
        {
            var built = await RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "tools", "package.sh"), "--version", "0.1.0", "--out", Path.Combine(work.FullName, "out")]);
            built.ExitCode.ShouldBe(0, built.Error);
            var debs = built.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            debs.Length.ShouldBe(2, built.Output);
            var (serverDeb, dpDeb) = (debs[0], debs[1]);
            serverDeb.ShouldEndWith("tsorchestrator-server_0.1.0_amd64.deb");
            dpDeb.ShouldEndWith("tsorchestrator-dp_0.1.0_amd64.deb");

            var contents = await RunAsync("dpkg-deb", ["--contents", serverDeb]);
            contents.Output.ShouldContain("./lib/systemd/system/tsorch-server.service");
            contents.Output.ShouldContain("./opt/tsorchestrator/server/TsOrchestrator.Server");
            contents.Output.ShouldContain("-rw-r----- root/root");
            (await RunAsync("dpkg-deb", ["--field", serverDeb, "Package"])).Output.Trim().ShouldBe("tsorchestrator-server");
            (await RunAsync("dpkg-deb", ["--field", serverDeb, "Conflicts"])).Output.Trim().ShouldBe("tsorchestrator-dp");
            var control = Path.Combine(work.FullName, "control");
            (await RunAsync("dpkg-deb", ["--control", serverDeb, control])).ExitCode.ShouldBe(0);
            (await File.ReadAllTextAsync(Path.Combine(control, "conffiles"))).Trim().ShouldBe("/etc/tsorchestrator/server.json");
            File.Exists(Path.Combine(control, "postinst")).ShouldBeTrue();

            var dpContents = (await RunAsync("dpkg-deb", ["--contents", dpDeb])).Output;
            dpContents.ShouldContain("./lib/systemd/system/tsorch-dp.service");
            dpContents.ShouldContain("./opt/tsorchestrator/dp/TsOrchestrator.DistributionPoint");
            dpContents.ShouldContain("./etc/tsorchestrator/dp.json");
            dpContents.ShouldNotContain("TsOrchestrator.Server", customMessage: "the DP's package carries no site server");
            (await RunAsync("dpkg-deb", ["--field", dpDeb, "Package"])).Output.Trim().ShouldBe("tsorchestrator-dp");
            (await RunAsync("dpkg-deb", ["--field", dpDeb, "Conflicts"])).Output.Trim().ShouldBe("tsorchestrator-server");
            var dpControl = Path.Combine(work.FullName, "dp-control");
            (await RunAsync("dpkg-deb", ["--control", dpDeb, dpControl])).ExitCode.ShouldBe(0);
            (await File.ReadAllTextAsync(Path.Combine(dpControl, "conffiles"))).Trim().ShouldBe("/etc/tsorchestrator/dp.json");
            (await File.ReadAllTextAsync(Path.Combine(dpControl, "postinst"))).ShouldNotContain("systemctl enable", customMessage: "a DP starts only once its access key is set");

            var root = Path.Combine(work.FullName, "root");
            (await RunAsync("dpkg-deb", ["-x", serverDeb, root])).ExitCode.ShouldBe(0);
            (await RunAsync("dpkg-deb", ["-x", dpDeb, root])).ExitCode.ShouldBe(0);
            var unit = await File.ReadAllTextAsync(Path.Combine(root, "lib", "systemd", "system", "tsorch-server.service"));
            unit.ShouldContain("ExecStart=/opt/tsorchestrator/server/TsOrchestrator.Server");
            var dpUnit = await File.ReadAllTextAsync(Path.Combine(root, "lib", "systemd", "system", "tsorch-dp.service"));
            dpUnit.ShouldContain("ExecStart=/opt/tsorchestrator/dp/TsOrchestrator.DistributionPoint");
            dpUnit.ShouldContain("Environment=TSORCH_SETTINGS=/etc/tsorchestrator/dp.json");

            // The data folders and the addresses are the test's; everything else comes from the packages' /etc files,
            // read the way the units read them (the program's folder as the working directory). Both start at once.
            var data = Directory.CreateDirectory(Path.Combine(work.FullName, "data")).FullName;
            var url = $"http://127.0.0.1:{FreePort()}";
            var server = Start(root, "server", "TsOrchestrator.Server", "server.json", data, url, new());
            started.Add(server.Process);
            var dpUrl = $"http://127.0.0.1:{FreePort()}";
            var dp = Start(root, "dp", "TsOrchestrator.DistributionPoint", "dp.json", Path.Combine(work.FullName, "dp-data"), dpUrl, new()
            {
                ["DistributionPoint__AccessKey"] = "branch-dp-access-key-1",
                ["DistributionPoint__SiteServerUrl"] = url,
            });
            started.Add(dp.Process);

            (await ReadyAsync(url, server.Process)).ShouldBe(HttpStatusCode.OK, server.Log.ToString());
            File.Exists(Path.Combine(data, "admin.key")).ShouldBeTrue();
            (await ReadyAsync(dpUrl, dp.Process)).ShouldBe(HttpStatusCode.OK, dp.Log.ToString());
        }
        finally
        {
            foreach (var process in started)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }

                process.Dispose();
            }

            work.Delete(recursive: true);
        }
    }

    private static (Process Process, System.Text.StringBuilder Log) Start(string root, string folder, string program, string settings, string data, string url, Dictionary<string, string> environment)
    {
        var programFolder = Path.Combine(root, "opt", "tsorchestrator", folder);
        var start = new ProcessStartInfo(Path.Combine(programFolder, program)) { WorkingDirectory = programFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["TSORCH_SETTINGS"] = Path.Combine(root, "etc", "tsorchestrator", settings);
        start.Environment["Storage__DataDirectory"] = data;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, log);
    }

    private static async Task<HttpStatusCode?> ReadyAsync(string url, Process process)
    {
        using var http = new HttpClient();
        HttpStatusCode? ready = null;
        for (var attempt = 0; attempt < 240 && ready != HttpStatusCode.OK && !process.HasExited; attempt++)
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

        return ready;
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
