using TsOrchestrator.Server;
using TsOrchestrator.Server.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTsOrchestratorServer(builder.Configuration);

var app = builder.Build();
await app.Services.InitializeStoreAsync();
app.MapTsOrchestratorServer();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
