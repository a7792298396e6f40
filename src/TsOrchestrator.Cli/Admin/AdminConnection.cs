using System.CommandLine;
using System.Net.Http.Headers;
using Refit;
using TsOrchestrator.Cli.Input;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Serialization;

namespace TsOrchestrator.Cli.Admin;

/// <summary>
/// Where the admin commands connect: <c>--server</c>/<c>--key</c>, else <c>TSORCH_SERVER</c>/<c>TSORCH_KEY</c>,
/// else the local server and the key file it wrote on first start.
/// </summary>
internal static class AdminConnection
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    // The server writes admin.key into its data directory, relative to where it was started: the repository
    // root or the server's project folder when run with `dotnet run`.
    private static readonly string[] KeyFiles = ["data/admin.key", "src/TsOrchestrator.Server/data/admin.key"];

    public static readonly Option<string?> Server = new("--server") { Description = $"Server URL (default: TSORCH_SERVER or {DefaultServer})", Recursive = true };
    public static readonly Option<string?> Key = new("--key") { Description = "Admin API key (default: TSORCH_KEY or the server's data/admin.key)", Recursive = true };

    /// <summary>The admin API; <paramref name="longRunning"/> calls (export and import of content) have no time-out.</summary>
    public static IAdminApi Connect(ParseResult parse, bool longRunning = false)
    {
        var server = parse.GetValue(Server) ?? Environment.GetEnvironmentVariable("TSORCH_SERVER") ?? DefaultServer;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--server: '{server}' is not an http(s) URL");
        }

        var (key, keySource) = ResolveKey(parse);
        var client = new HttpClient { BaseAddress = baseAddress };
        if (longRunning)
        {
            client.Timeout = Timeout.InfiniteTimeSpan;
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var settings = new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.Options) };
        settings.ExceptionFactory = async response =>
        {
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var api = await ApiException.Create(response.RequestMessage!, response.RequestMessage!.Method, response, settings).ConfigureAwait(false);
            return new AdminApiException(AdminErrors.Describe(api, keySource), api, (int)api.StatusCode, api.Content);
        };
        settings.TransportExceptionFactory = (_, transport, cancellationToken) => cancellationToken.IsCancellationRequested
            ? transport
            : new AdminApiException(AdminErrors.Unreachable(server, transport), transport);
        return RestService.For<IAdminApi>(client, settings);
    }

    private static (string Key, string Source) ResolveKey(ParseResult parse)
    {
        if (parse.GetValue(Key) is { Length: > 0 } option)
        {
            return (option, "--key");
        }

        if (Environment.GetEnvironmentVariable("TSORCH_KEY") is { Length: > 0 } environment)
        {
            return (environment, "TSORCH_KEY");
        }

        foreach (var file in KeyFiles)
        {
            if (File.Exists(file))
            {
                return (File.ReadAllText(file).Trim(), Path.GetFullPath(file));
            }
        }

        throw new UsageException($"no API key: pass --key, set TSORCH_KEY, or run where {string.Join(" or ", KeyFiles)} exists");
    }
}
