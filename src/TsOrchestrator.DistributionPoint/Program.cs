using Microsoft.Extensions.Options;
using TsOrchestrator.Content;
using TsOrchestrator.Content.Hosting;
using TsOrchestrator.DistributionPoint;

const string program = "tsorch-dp";

// Defaults in code, not in an appsettings.json: the tests and the bench build this program into the same folders as
// the site server, whose appsettings.json a second one would replace there.
var defaults = new Dictionary<string, string?>
{
    ["Urls"] = "http://127.0.0.1:5080", // as the site server: loopback until the operator names an address agents reach
    ["Logging:LogLevel:Default"] = "Information",
    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",

    // The busy-port refusal is one line (ProgramHost.RunAsync), not the host's own log of it as well.
    ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",
};
if (await ProgramHost.CreateBuilderAsync(args, program, defaults) is not { } builder)
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
