using TsOrchestrator.Testing;

namespace TsOrchestrator.Server.Tests.Content;

/// <summary>
/// Issue 15: the distribution point is its own small host. What it shares with the site server must not pull the site
/// server's store, scheduler or console into it, nor reach back into the site server.
/// </summary>
public sealed class DistributionPointHostDependencyTests
{
    private static readonly string[] SiteServerOnly = ["TsOrchestrator.Server", "TsOrchestrator.Designer", "TsOrchestrator.Engine", "Microsoft.EntityFrameworkCore", "Quartz", "Npgsql", "MudBlazor"];

    [Fact]
    public void Shared_content_library_references_nothing_of_the_site_server()
    {
        var references = typeof(ContentLibrary).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Where(r => SiteServerOnly.Any(r.StartsWith)).ShouldBeEmpty();
    }

    [Fact]
    public void Distribution_point_host_ships_without_the_store_the_scheduler_or_the_console()
    {
        // The host's dependency manifest lists every assembly it loads, its own project references and packages alike.
        var dependencies = File.ReadAllText(RepositoryPaths.Built(ServerProcess.DistributionPointProgram, ServerProcess.DistributionPointProgram + ".deps.json"));

        dependencies.ShouldContain("TsOrchestrator.Content");
        SiteServerOnly.Where(name => dependencies.Contains($"\"{name}", StringComparison.Ordinal)).ShouldBeEmpty();
    }
}
