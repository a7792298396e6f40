using Microsoft.Extensions.Options;
using TsOrchestrator.Content;
using TsOrchestrator.Content.Hosting;
using TsOrchestrator.DistributionPoint;

const string program = "tsorch-dp";
if (await ProgramHost.CreateBuilderAsync(args, program) is not { } builder)
{
    return 1;
}

builder.Services.AddTsOrchestratorDistributionPoint(builder.Configuration);
var app = builder.Build();

// The library holds every package's files: the data folder is the service user's alone, as on the site server.
var data = Path.GetFullPath(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory);
if (OperatingSystem.IsWindows())
{
    Directory.CreateDirectory(data);
}
else
{
    const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    Directory.CreateDirectory(data, ownerOnly);
    File.SetUnixFileMode(data, ownerOnly);
}

app.MapTsOrchestratorDistributionPoint();
return await ProgramHost.RunAsync(app, program);
