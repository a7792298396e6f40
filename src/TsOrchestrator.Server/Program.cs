using TsOrchestrator.Content.Hosting;
using TsOrchestrator.Server;
using TsOrchestrator.Designer;
using TsOrchestrator.Server.Hosting;
using TsOrchestrator.Server.Storage;

const string program = "tsorch-server";
if (await ProgramHost.CreateBuilderAsync(args, program) is not { } builder)
{
    return 1;
}

if (RetiredRoleSetting.Refusal(builder.Configuration) is { } retired)
{
    await Console.Error.WriteLineAsync($"{program}: {retired}");
    return 1;
}

try
{
    builder.Services.AddTsOrchestratorServer(builder.Configuration);
}
catch (TsOrchestrator.Server.KeyRing.KeyRingUnusableException unusable)
{
    await Console.Error.WriteLineAsync($"{program}: {unusable.Message}");
    return 1;
}

// The designer console at /, a client of the admin API above.
builder.AddTsOrchestratorDesigner(TsOrchestrator.Server.ServiceCollectionExtensions.CallerScheme);

var app = builder.Build();
try
{
    await app.Services.InitializeStoreAsync();
}
catch (Exception refused) when (refused is TsOrchestrator.Server.KeyRing.KeyRingUnusableException or SharedFolderMismatchException)
{
    // Another node's key file or certificate, or a node given its own folder instead of the site's share: one line
    // naming the setting, not 500s for every secret or missing content later.
    await Console.Error.WriteLineAsync($"{program}: {refused.Message}");
    return 1;
}

app.MapTsOrchestratorServer();
app.MapTsOrchestratorDesigner();
return await ProgramHost.RunAsync(app, program);

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
