using TsOrchestrator.Designer;
using TsOrchestrator.Server;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTsOrchestratorServer(builder.Configuration);

// The designer console at /, a client of the admin API above.
builder.AddTsOrchestratorDesigner(ApiKeyAuthenticationHandler.SchemeName);

var app = builder.Build();
await app.Services.InitializeStoreAsync();
app.MapTsOrchestratorServer();
app.MapTsOrchestratorDesigner();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
