using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using TsOrchestrator.Cli.Commands;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Cli.Output;
using TsOrchestrator.Cli.Progress;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Serialization;

namespace TsOrchestrator.Cli.Admin;

/// <summary><c>tsorch content packages|create-package|update-content|distribute|status|prestage|import-prestaged|distribution-points</c>.</summary>
internal static class ContentCommands
{
    public static Command Create(CliConsole console) => new("content", "Packages, distribution points and prestaged content")
    {
        Packages(console), CreatePackage(console), UpdateContent(console), Distribute(console), Status(console), Prestage(console), ImportPrestaged(console), DistributionPoints(console),
    };

    private static Command Packages(CliConsole console)
    {
        var json = CommonOptions.Json();
        var command = new Command("packages", "List packages") { json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).ListPackagesAsync(ct),
                ["ID", "TYPE", "VERSION", "FILES", "NAME"],
                p => [p.Id, p.Type.ToString(), p.Version.ToString(CultureInfo.InvariantCulture), p.FileCount.ToString(CultureInfo.InvariantCulture), p.Name]));
        return command;
    }

    private static Command CreatePackage(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "Package name" };
        var source = new Argument<string>("source") { Description = "Source folder: a full path on the site server" };
        var type = new Option<string>("--type")
        {
            Description = "Package, OsImage, BootImage, DriverPackage, Application or OsUpgradePackage", DefaultValueFactory = _ => nameof(PackageType.Package),
        }.OneOf(Enum.GetNames<PackageType>());
        var programs = new Option<string[]>("--program") { Description = "Name=CommandLine of a program (Package type only); repeatable" };
        var json = CommonOptions.Json();
        var command = new Command("create-package", "Create a package from its source folder") { name, source, type, programs, json };
        command.SetAction(async (parse, ct) =>
        {
            var request = new CreatePackageRequest
            {
                Name = parse.GetValue(name), SourcePath = parse.GetValue(source), Type = Enum.Parse<PackageType>(parse.GetValue(type)!, ignoreCase: true),
                Programs = [.. AdminOutput.NameValues(parse.GetValue(programs), "--program").Select(p => new PackageProgram { Name = p.Key, CommandLine = p.Value })],
            };
            var created = await ContentProgress.RunAsync(ContentProgress.Display(console, parse), async progress =>
            {
                var bar = progress.Add($"importing {request.SourcePath} on the server");
                var package = await AdminConnection.Connect(parse, longRunning: true).CreatePackageAsync(request, ct);
                bar.Done();
                return package;
            });
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), created, p => $"created {p.Id} '{p.Name}' version {p.Version}, {p.FileCount} files");
        });
        return command;
    }

    private static Command UpdateContent(CliConsole console)
    {
        var id = new Argument<string>("package") { Description = "Package id" };
        var json = CommonOptions.Json();
        var command = new Command("update-content", "Import a package's source folder again; its version goes up when the content changed") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            var package = await AdminConnection.Connect(parse).UpdatePackageContentAsync(parse.GetValue(id)!, ct);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), package, p => $"{p.Id} is at version {p.Version}, {p.FileCount} files");
        });
        return command;
    }

    private static Command Distribute(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "Task sequence id (or a package id with --package)" };
        var package = new Option<bool>("--package") { Description = "Distribute one package instead of a task sequence's content" };
        var points = new Option<string[]>("--dp") { Description = "Distribution point id; repeatable" };
        var groups = new Option<string[]>("--group") { Description = "Distribution point group id; repeatable" };
        var collections = new Option<string[]>("--collection") { Description = "Collection id (its associated DP groups); repeatable" };
        var wait = new Option<bool>("--wait") { Description = "Wait until every targeted DP holds the content (exit 1 naming a DP that failed)" };
        var timeout = new Option<int>("--timeout") { Description = "With --wait: give up after this many minutes", DefaultValueFactory = _ => 60 };
        var json = CommonOptions.Json();
        var command = new Command("distribute", "Distribute content (to the site server when no target is given)") { id, package, points, groups, collections, wait, timeout, json };
        command.SetAction(async (parse, ct) =>
        {
            var request = new DistributeContentRequest
            {
                DistributionPointIds = Nonempty(parse.GetValue(points)), DistributionPointGroupIds = Nonempty(parse.GetValue(groups)),
                CollectionIds = Nonempty(parse.GetValue(collections)),
            };
            var api = AdminConnection.Connect(parse);
            var status = parse.GetValue(package)
                ? await api.DistributePackageAsync(parse.GetValue(id)!, request, ct)
                : await api.DistributeTaskSequenceContentAsync(parse.GetValue(id)!, request, ct);
            if (parse.GetValue(wait))
            {
                status = await ContentProgress.RunAsync(ContentProgress.Display(console, parse), progress =>
                    DistributionWait.WaitAsync(api, parse.GetValue(id)!, parse.GetValue(package), request, status, progress, TimeSpan.FromMinutes(parse.GetValue(timeout)), ct));
            }

            return await StatusTableAsync(console, parse.GetValue(json), status);
        });
        return command;
    }

    private static Command Status(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "Task sequence id (or a package id with --package)" };
        var package = new Option<bool>("--package") { Description = "Status of one package instead of a task sequence's content" };
        var json = CommonOptions.Json();
        var command = new Command("status", "Content status per package per distribution point") { id, package, json };
        command.SetAction(async (parse, ct) =>
        {
            var api = AdminConnection.Connect(parse);
            var status = parse.GetValue(package)
                ? await api.GetPackageContentStatusAsync(parse.GetValue(id)!, ct)
                : await api.GetTaskSequenceContentStatusAsync(parse.GetValue(id)!, ct);
            return await StatusTableAsync(console, parse.GetValue(json), status);
        });
        return command;
    }

    private static Command Prestage(CliConsole console)
    {
        var packages = new Argument<string[]>("packages") { Description = "Package ids", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("-o", "--output") { Description = "The prestaged content file to write", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("prestage", "Write the packages' current versions into one prestaged content file") { packages, output, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var temp = path + ".partial";
            await ContentProgress.RunAsync(ContentProgress.Display(console, parse), async progress =>
            {
                // The zip is streamed as it is written, so its size is not known: the bar counts bytes until the end.
                var bar = progress.Add("prestage");
                long written = 0;
                await using (var content = await AdminConnection.Connect(parse, longRunning: true).PrestagePackagesAsync(new PrestageContentRequest { PackageIds = parse.GetValue(packages) }, ct))
                await using (var counted = new CountingStream(content, n => bar.Describe($"prestage: {Interlocked.Add(ref written, n) / 1_000_000} MB written")))
                await using (var file = File.Create(temp))
                {
                    await counted.CopyToAsync(file, ct);
                }

                bar.Done();
                return written;
            });

            // Renamed into place only when complete: a cut-short download never looks like a prestaged file.
            File.Move(temp, path, overwrite: true);
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), WrittenReport.Of(path), w => $"wrote {w.Wrote} ({w.Bytes.ToString(CultureInfo.InvariantCulture)} bytes)");
        });
        return command;
    }

    /// <summary>Talks to the distribution point itself (TsOrchestrator.DistributionPoint), with its access key: the site server is not involved.</summary>
    private static Command ImportPrestaged(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "A prestaged content file written by 'tsorch content prestage'" };
        var dp = new Option<string>("--dp") { Description = "The distribution point's base URL", Required = true };
        var accessKey = new Option<string>("--access-key") { Description = "The DP's DistributionPoint:AccessKey (default: TSORCH_DP_ACCESS_KEY)" };
        var json = CommonOptions.Json();
        var command = new Command("import-prestaged", "Import a prestaged content file at a distribution point; every hash is checked first") { file, dp, accessKey, json };
        command.SetAction(async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetValue(dp), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--dp: '{parse.GetValue(dp)}' is not an http(s) URL");
            }

            var key = parse.GetValue(accessKey) ?? Environment.GetEnvironmentVariable("TSORCH_DP_ACCESS_KEY")
                ?? throw new UsageException("--access-key: give the distribution point's access key (or set TSORCH_DP_ACCESS_KEY)");
            var (response, body) = await ContentProgress.RunAsync(ContentProgress.Display(console, parse), async progress =>
            {
                var length = new FileInfo(parse.GetValue(file)!).Length;
                var bar = progress.Add($"upload to {url.Authority}", length);
                ProgressLine? check = null;
                long sent = 0;
                var stream = new CountingStream(File.OpenRead(parse.GetValue(file)!), n =>
                {
                    bar.Advance(n);

                    // All sent: what remains is the DP checking every hash before it answers.
                    if (Interlocked.Add(ref sent, n) >= length && check is null)
                    {
                        bar.Done();
                        check = progress.Add($"hash check at {url.Authority}");
                    }
                });
                using var http = new HttpClient { BaseAddress = new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
                using var request = new HttpRequestMessage(HttpMethod.Post, "dp/v1/prestaged") { Content = new StreamContent(stream, 1 << 20) };
                request.Content.Headers.ContentLength = length;
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                var response = await http.SendAsync(request, ct);
                bar.Done();
                check?.Done();
                return (response, await response.Content.ReadAsStringAsync(ct));
            });
            using var dispose = response;
            if (!response.IsSuccessStatusCode)
            {
                throw DistributionPointRefusal(response, body, parse.GetValue(accessKey) is null ? "TSORCH_DP_ACCESS_KEY" : "--access-key");
            }

            var packages = JsonSerializer.Deserialize<List<PackageManifest>>(body, ContractJson.Options) ?? [];
            return await AdminOutput.ItemAsync(console, parse.GetValue(json), packages, imported => $"imported {string.Join(", ", imported.Select(p => $"{p.PackageId} version {p.Version}"))}");
        });
        return command;
    }

    private static Command DistributionPoints(CliConsole console)
    {
        var json = CommonOptions.Json();
        var command = new Command("distribution-points", "List distribution points") { json };
        command.SetAction(async (parse, ct) =>
            await AdminOutput.ListAsync(console, parse.GetValue(json), await AdminConnection.Connect(parse).ListDistributionPointsAsync(ct),
                ["ID", "URL", "NAME"], d => [d.Id, d.IsSiteServer ? "(site server)" : d.Url, d.Name]));
        return command;
    }

    /// <summary>The same one line as the site server's refusals, and the DP's problem document under --json.</summary>
    private static AdminApiException DistributionPointRefusal(HttpResponseMessage response, string body, string keySource) =>
        new(AdminErrors.Describe((int)response.StatusCode, response.ReasonPhrase, body, keySource), status: (int)response.StatusCode, body: body);

    private static Task<int> StatusTableAsync(CliConsole console, bool json, IReadOnlyList<PackageDistributionStatus> status) =>
        AdminOutput.ListAsync(console, json, status, ["PACKAGE", "VERSION", "DP", "STATUS", "MESSAGE"],
            s => [s.PackageId, s.Version.ToString(CultureInfo.InvariantCulture), s.DistributionPointId, s.Status.ToString(), s.Message]);

    private static string[]? Nonempty(string[]? values) => values is { Length: > 0 } ? values : null;
}
