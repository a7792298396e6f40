using System.Net;
using System.Text;
using System.Text.Json;
using Refit;

namespace TsOrchestrator.Cli.Admin;

/// <summary>Turns the server's problem details (or its silence) into one line for the user.</summary>
internal static class AdminErrors
{
    /// <summary>
    /// <c>&lt;status&gt; &lt;title&gt;: &lt;detail&gt; (&lt;field&gt;: &lt;message&gt;; ...)</c>; a refused key also says
    /// where the key came from, since a stale key file is the usual cause.
    /// </summary>
    public static string Describe(ApiException api, string keySource)
    {
        ArgumentNullException.ThrowIfNull(api);
        return Describe((int)api.StatusCode, api.ReasonPhrase, api.Content, keySource);
    }

    /// <summary>The same line for any HTTP refusal (a distribution point's too) from its status, reason and body.</summary>
    public static string Describe(int status, string? reasonPhrase, string? body, string keySource)
    {
        var line = new StringBuilder($"{status} {reasonPhrase}");
        try
        {
            using var problem = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            var root = problem.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
                {
                    line.Clear().Append($"{status} {title.GetString()}");
                }

                if (root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
                {
                    line.Append($": {detail.GetString()}");
                }

                AppendFieldErrors(line, root);
            }
        }
        catch (JsonException)
        {
            // Not a problem document (e.g. a proxy's page): the status line says enough.
        }

        if (status is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden)
        {
            line.Append($" [key from {keySource}]");
        }

        return line.ToString();
    }

    public static string Unreachable(string server, Exception transport) => transport switch
    {
        TaskCanceledException => $"the server at {server} did not answer in time",
        _ => $"the server at {server} does not answer ({transport.GetBaseException().Message})",
    };

    private static void AppendFieldErrors(StringBuilder line, JsonElement root)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var fields = new List<string>();
        foreach (var field in errors.EnumerateObject())
        {
            var messages = field.Value.ValueKind == JsonValueKind.Array
                ? field.Value.EnumerateArray().Select(m => m.ToString())
                : [field.Value.ToString()];
            fields.AddRange(messages.Select(m => $"{field.Name}: {m}"));
        }

        if (fields.Count > 0)
        {
            line.Append($" ({string.Join("; ", fields)})");
        }
    }
}
