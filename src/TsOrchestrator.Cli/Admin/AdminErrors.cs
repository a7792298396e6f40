using System.Net.Http;
using System.Text.Json;
using Refit;

namespace TsOrchestrator.Cli.Admin;

/// <summary>Turns the server's problem details (or its silence) into one line for the user.</summary>
internal static class AdminErrors
{
    public static string Describe(Exception e) => e switch
    {
        ApiException api => Problem(api),
        ApiRequestException request => $"the server does not answer ({request.InnerException?.Message ?? request.Message})",
        HttpRequestException http => $"the server does not answer ({http.Message})",
        _ => e.Message,
    };

    private static string Problem(ApiException api)
    {
        var line = $"{(int)api.StatusCode} {api.ReasonPhrase}";
        try
        {
            using var problem = JsonDocument.Parse(api.Content ?? "{}");
            var root = problem.RootElement;
            if (root.TryGetProperty("title", out var title))
            {
                line = $"{(int)api.StatusCode} {title.GetString()}";
            }

            if (root.TryGetProperty("detail", out var detail))
            {
                line += $": {detail.GetString()}";
            }
        }
        catch (JsonException)
        {
            // Not a problem document (e.g. a proxy's page): the status line says enough.
        }

        return line;
    }
}
