using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace TsOrchestrator.Content.Hosting;

/// <summary>
/// The site's own settings file, kept apart from the appsettings.json that an upgrade replaces: the file named by
/// <c>--settings</c> or <c>TSORCH_SETTINGS</c>, else <c>/etc/tsorchestrator/server.json</c> when present (the Debian
/// package's conffile). It overrides appsettings.json; environment variables and the command line override it.
/// </summary>
internal static class SettingsFile
{
    public const string DefaultPath = "/etc/tsorchestrator/server.json";
    public const string EnvironmentVariable = "TSORCH_SETTINGS";

    /// <summary>The settings file to read, or null; throws <see cref="FileNotFoundException"/> when one named is missing.</summary>
    public static string? Locate(IConfiguration configuration)
    {
        var named = configuration["settings"] is { Length: > 0 } argument ? argument
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } variable ? variable
            : null;
        if (named is null)
        {
            return File.Exists(DefaultPath) ? DefaultPath : null;
        }

        var path = Path.GetFullPath(named);
        return File.Exists(path) ? path : throw new FileNotFoundException($"the settings file {path} (--settings or {EnvironmentVariable}) does not exist", path);
    }

    /// <summary>Adds the file just above the last appsettings file, so that environment and command line still win.</summary>
    public static void Add(ConfigurationManager configuration, string path)
    {
        var sources = configuration.Sources;
        var at = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } json } && json.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                at = i + 1;
            }
        }

        sources.Insert(at, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(path)!), Path = Path.GetFileName(path), Optional = false,
        });
    }
}
