using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using TsOrchestrator.Designer;
using TsOrchestrator.Server;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Storage;

// No watching of the settings files for changes: the content root is often the folder the store writes to (a
// service's working directory, the data folder of a test harness), and a watcher there wakes on every commit.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);

// appsettings.json travels beside the binary: a server started from another folder (a service, a test harness)
// still reads it, below everything else in precedence.
if (!File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")))
{
    builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
    {
        FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory), Path = "appsettings.json", Optional = true,
    });
}

builder.Services.AddTsOrchestratorServer(builder.Configuration);

// The designer console at /, a client of the admin API above; a distribution point has neither.
var siteServer = TsOrchestrator.Server.ServiceCollectionExtensions.RoleOf(builder.Configuration) == ServerRole.SiteServer;
if (siteServer)
{
    builder.AddTsOrchestratorDesigner(TsOrchestrator.Server.ServiceCollectionExtensions.CallerScheme);
}

var app = builder.Build();
await app.Services.InitializeStoreAsync();
app.MapTsOrchestratorServer();
if (siteServer)
{
    app.MapTsOrchestratorDesigner();
}
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
