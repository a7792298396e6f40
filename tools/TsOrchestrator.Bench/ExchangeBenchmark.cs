using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Content;
using TsOrchestrator.Server;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Exchange;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Bench;

/// <summary>
/// Export and import of a 1,000-step sequence with its content (PERFORMANCE.md: ≥ 0.8 × raw file copy), each beside
/// File.Copy of the same files in the same run. Export writes the zip and its <c>_files</c> folder from the library;
/// import reads that folder on the server (<c>contentPath</c>), hashes every file into a fresh server's library and
/// commits the objects in one transaction.
/// </summary>
internal static class ExchangeBenchmark
{
    private const int Rounds = 3;
    private static readonly Caller Bench = new("bench", "bench", AdminRoles.FullAdministrator, new HashSet<string> { "*" });

    public static async Task<int> RunAsync(int megabytes, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("tsorch-exchange-bench-");
        try
        {
            var source = Path.Combine(folder.FullName, "source");
            var files = ContentBenchmark.Generate(source, megabytes);
            await using var site = await StartAsync(Path.Combine(folder.FullName, "site"));
            var sequenceId = await SeedAsync(site, source);
            output.WriteLine($"Exchange benchmark in {folder.FullName}: a 1,000-step sequence and {files.Count} files, {megabytes} MB of incompressible data, median of {Rounds} rounds after one warm-up round");

            var copy = new List<double>();
            var export = new List<double>();
            var import = new List<double>();
            for (var round = 0; round <= Rounds; round++)
            {
                ContentBenchmark.SettleDisk();
                copy.Add(ContentBenchmark.Time(() => ContentBenchmark.CopyAll(source, Path.Combine(folder.FullName, $"copy{round}"))));

                var zip = Path.Combine(folder.FullName, $"export{round}.zip");
                ContentBenchmark.SettleDisk();
                export.Add(await ContentBenchmark.TimeAsync(async () =>
                {
                    await using var scope = site.Services.CreateAsyncScope();
                    var plan = await scope.ServiceProvider.GetRequiredService<ExchangeExporter>()
                        .PlanAsync(new ExportRequest { Ids = [sequenceId], IncludeContent = true }, Bench, CancellationToken.None);
                    await ExportWriter.WriteToFolderAsync(zip, plan, site.Services.GetRequiredService<ContentLibrary>(), CancellationToken.None);
                }));

                await using (var target = await StartAsync(Path.Combine(folder.FullName, $"target{round}")))
                {
                    ContentBenchmark.SettleDisk();
                    import.Add(await ContentBenchmark.TimeAsync(async () =>
                    {
                        await using var scope = target.Services.CreateAsyncScope();
                        var importer = scope.ServiceProvider.GetRequiredService<ExchangeImporter>();
                        ImportPreview preview;
                        await using (var body = File.OpenRead(zip))
                        {
                            preview = await importer.UploadAsync(body, ExportPlan.FilesFolderFor(zip), null, Bench, CancellationToken.None);
                        }

                        await importer.CommitAsync(preview.Id, new CommitImportRequest(), Bench, CancellationToken.None);
                    }));
                    await target.StopAsync();
                }

                Directory.Delete(Path.Combine(folder.FullName, $"copy{round}"), recursive: true);
                Directory.Delete(ExportPlan.FilesFolderFor(zip), recursive: true);
                Directory.Delete(Path.Combine(folder.FullName, $"target{round}"), recursive: true);
                File.Delete(zip);
            }

            ContentBenchmark.DropWarmUpRound(copy, export, import);
            output.WriteLine($"{"measure",-64}{"MB/s",8}{"ratio to copy",15}{"target",10}");
            output.WriteLine($"{"File.Copy of the source files",-64}{megabytes / ContentBenchmark.Median(copy),8:N0}{1.0,15:N2}");
            ContentBenchmark.Row(output, "export: zip + _files folder from the content library", megabytes, export, copy);
            ContentBenchmark.Row(output, "import: preview, hash into the library, one-transaction commit", megabytes, import, copy);
            await site.StopAsync();
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>One package holding the generated files, and a 1,000-step sequence whose first step downloads it.</summary>
    private static async Task<string> SeedAsync(WebApplication site, string source)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var package = await scope.ServiceProvider.GetRequiredService<PackageService>()
            .CreateAsync(new CreatePackageRequest { Name = "Bench image", SourcePath = source, Type = PackageType.OsImage }, Bench, CancellationToken.None);
        var generated = SequenceGenerator.Generate(999).Sequence;
        var download = new StepNode
        {
            Name = "Download image", Type = StepTypeIds.DownloadPackageContent, Settings = new Dictionary<string, string> { ["DownloadPackages"] = package.Id },
        };
        var created = await scope.ServiceProvider.GetRequiredService<TsOrchestrator.Server.TaskSequences.TaskSequenceService>().CreateAsync(
            new CreateTaskSequenceRequest { Sequence = generated with { Id = "TSBENCH01", Nodes = [download, .. generated.Nodes] } }, Bench, CancellationToken.None);
        return created.Summary.Id;
    }

    private static async Task<WebApplication> StartAsync(string dataDirectory)
    {
        var builder = WebApplication.CreateBuilder([
            $"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning", "--urls=http://127.0.0.1:0",

            // The bench's own temp folder holds the source and the exports' _files folders beside the data folders.
            $"--Content:SourceRoots:0={Path.GetDirectoryName(dataDirectory)}",
        ]);
        builder.Services.AddTsOrchestratorServer(builder.Configuration);
        var app = builder.Build();
        await app.Services.InitializeStoreAsync();
        app.MapTsOrchestratorServer();
        await app.StartAsync();

        // A server that has answered before: EF Core's model and first queries are not part of any measure.
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<StoreContext>();
        _ = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(store.Packages);
        _ = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(store.TaskSequences);
        return app;
    }
}
