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

// The site's settings file (/etc/tsorchestrator/server.json, or --settings / TSORCH_SETTINGS) over appsettings.json.
try
{
    if (TsOrchestrator.Server.Hosting.SettingsFile.Locate(builder.Configuration) is { } settingsFile)
    {
        TsOrchestrator.Server.Hosting.SettingsFile.Add(builder.Configuration, settingsFile);
    }
}
catch (FileNotFoundException missing)
{
    await Console.Error.WriteLineAsync($"tsorch-server: {missing.Message}");
    return 1;
}

// Under systemd (Type=notify) the unit is started once the server listens, and stopping is reported; as a Windows
// service the same; elsewhere both are no-ops. .NET enables notifications only when the direct parent is systemd;
// sd_notify(3)'s rule is the socket alone (systemd-run --pipe, a container's init, any supervisor speaking the
// protocol), so a NOTIFY_SOCKET is honoured whoever started the server, with the watchdog when the unit asks for one.
builder.Host.UseSystemd();
builder.Host.UseWindowsService();

// Under systemd UseSystemd sets journald's console formatter over the setting; an operator who chose one (json for a
// log store) keeps it.
if (builder.Configuration["Logging:Console:FormatterName"] is { Length: > 0 } formatter)
{
    builder.Services.PostConfigure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.FormatterName = formatter);
}

if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET")))
{
    builder.Services.AddSingleton<Microsoft.Extensions.Hosting.Systemd.ISystemdNotifier, Microsoft.Extensions.Hosting.Systemd.SystemdNotifier>();
    builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, Microsoft.Extensions.Hosting.Systemd.SystemdLifetime>();
    builder.Services.AddHostedService<TsOrchestrator.Server.Hosting.SystemdWatchdog>();
}

try
{
    builder.Services.AddTsOrchestratorServer(builder.Configuration);
}
catch (TsOrchestrator.Server.KeyRing.KeyRingUnusableException unusable)
{
    await Console.Error.WriteLineAsync($"tsorch-server: {unusable.Message}");
    return 1;
}

// The designer console at /, a client of the admin API above; a distribution point has neither.
var siteServer = TsOrchestrator.Server.ServiceCollectionExtensions.RoleOf(builder.Configuration) == ServerRole.SiteServer;
if (siteServer)
{
    builder.AddTsOrchestratorDesigner(TsOrchestrator.Server.ServiceCollectionExtensions.CallerScheme);
}

var app = builder.Build();
try
{
    await app.Services.InitializeStoreAsync();
}
catch (Exception refused) when (refused is TsOrchestrator.Server.KeyRing.KeyRingUnusableException or TsOrchestrator.Server.Storage.SharedFolderMismatchException)
{
    // Another node's key file or certificate, or a node given its own folder instead of the site's share: one line
    // naming the setting, not 500s for every secret or missing content later.
    await Console.Error.WriteLineAsync($"tsorch-server: {refused.Message}");
    return 1;
}

app.MapTsOrchestratorServer();
if (siteServer)
{
    app.MapTsOrchestratorDesigner();
}

// Read before running: once the host has failed to start, its services (and the configuration in them) are disposed.
// appsettings.json lowers the host's own "Hosting failed to start" log to Critical, so the one line below is all an
// operator sees for a busy port; any other start failure is still thrown with its stack trace.
var urls = app.Configuration["Urls"] ?? "the configured address";
try
{
    await app.RunAsync();
}
catch (Exception ex) when (AddressInUse(ex))
{
    // An operator's mistake, not a crash: say which address and what to do, without a stack trace.
    await Console.Error.WriteLineAsync($"tsorch-server: {urls} is already in use by another process: stop it, or give this server another address with --urls (or the Urls setting).");
    return 1;
}

return 0;

// Kestrel's IOException, alone or, when services already started also fail while the host stops them, inside the
// host's AggregateException.
static bool AddressInUse(Exception exception) => exception switch
{
    Microsoft.AspNetCore.Connections.AddressInUseException => true,
    AggregateException aggregate => aggregate.InnerExceptions.Any(AddressInUse),
    { InnerException: { } inner } => AddressInUse(inner),
    _ => false,
};

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
