using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.FileProviders;

namespace TsOrchestrator.Content.Hosting;

/// <summary>
/// The start and the run of a TsOrchestrator host (the site server, a distribution point): settings read the same way,
/// the same service manager integration, and the same one-line refusals an operator can act on.
/// </summary>
public static class ProgramHost
{
    /// <summary>
    /// The host's builder, or null when it must not start (the line saying why is written, prefixed with <paramref name="program"/>).
    /// <paramref name="defaults"/> lie below every other source, appsettings.json included.
    /// </summary>
    public static async Task<WebApplicationBuilder?> CreateBuilderAsync(string[] args, string program, IReadOnlyDictionary<string, string?>? defaults = null)
    {
        // No watching of the settings files for changes: the content root is often the folder the host writes to (a
        // service's working directory, the data folder of a test harness), and a watcher there wakes on every write.
        var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);

        // appsettings.json travels beside the binary: a host started from another folder (a service, a test harness)
        // still reads it, below everything else in precedence.
        if (!File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")))
        {
            builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
            {
                FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory), Path = "appsettings.json", Optional = true,
            });
        }

        if (defaults is not null)
        {
            builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        }

        // The site's settings file (/etc/tsorchestrator/server.json, or --settings / TSORCH_SETTINGS) over appsettings.json.
        try
        {
            if (SettingsFile.Locate(builder.Configuration) is { } settingsFile)
            {
                SettingsFile.Add(builder.Configuration, settingsFile);
            }
        }
        catch (FileNotFoundException missing)
        {
            await Console.Error.WriteLineAsync($"{program}: {missing.Message}").ConfigureAwait(false);
            return null;
        }

        // Under systemd (Type=notify) the unit is started once the host listens, and stopping is reported; as a Windows
        // service the same; elsewhere both are no-ops. .NET enables notifications only when the direct parent is systemd;
        // sd_notify(3)'s rule is the socket alone (systemd-run --pipe, a container's init, any supervisor speaking the
        // protocol), so a NOTIFY_SOCKET is honoured whoever started the host, with the watchdog when the unit asks for one.
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
            builder.Services.AddSingleton<IHostLifetime, Microsoft.Extensions.Hosting.Systemd.SystemdLifetime>();
            builder.Services.AddHostedService<SystemdWatchdog>();
        }

        return builder;
    }

    /// <summary>Runs the host until it stops: 0, or 1 after one line when its address is taken.</summary>
    public static async Task<int> RunAsync(WebApplication app, string program)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Read before running: once the host has failed to start, its services (and the configuration in them) are disposed.
        // appsettings.json lowers the host's own "Hosting failed to start" log to Critical, so the one line below is all an
        // operator sees for a busy port; any other start failure is still thrown with its stack trace.
        var urls = app.Configuration["Urls"] ?? "the configured address";
        try
        {
            await app.RunAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (AddressInUse(ex))
        {
            // An operator's mistake, not a crash: say which address and what to do, without a stack trace.
            await Console.Error.WriteLineAsync($"{program}: {urls} is already in use by another process: stop it, or give this server another address with --urls (or the Urls setting).").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    // Kestrel's IOException, alone or, when services already started also fail while the host stops them, inside the
    // host's AggregateException.
    private static bool AddressInUse(Exception exception) => exception switch
    {
        Microsoft.AspNetCore.Connections.AddressInUseException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(AddressInUse),
        { InnerException: { } inner } => AddressInUse(inner),
        _ => false,
    };
}
