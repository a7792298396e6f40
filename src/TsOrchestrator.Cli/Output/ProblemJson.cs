using System.Text.Json;
using System.Text.Json.Nodes;
using TsOrchestrator.Cli.Admin;
using TsOrchestrator.Domain.Validation;

namespace TsOrchestrator.Cli.Output;

/// <summary>
/// What <c>--json</c> prints on standard output when a command fails: a problem document (RFC 9457), the server's own
/// when it sent one, so a script reads the refusal where it reads results.
/// </summary>
internal static class ProblemJson
{
    public static string Of(Exception e)
    {
        var (status, body) = e switch
        {
            AdminApiException refused => (refused.Status, refused.Body),
            Refit.ApiException api => ((int?)api.StatusCode, api.Content),
            _ => (null, null),
        };
        if (Parse(body) is { } problem)
        {
            problem["status"] ??= status;
            return problem.ToJsonString();
        }

        var title = status is null ? "The command was not carried out" : "The server refused the request";
        return new JsonObject { ["title"] = title, ["status"] = status, ["detail"] = e.Message }.ToJsonString();
    }

    /// <summary>A command line System.CommandLine refused: every mistake, and the help that says more.</summary>
    public static string OfCommandLine(IReadOnlyList<string> errors, string help) => new JsonObject
    {
        ["title"] = "The command line is not valid",
        ["detail"] = string.Join("; ", errors),
        ["errors"] = new JsonArray([.. errors.Select(m => JsonValue.Create(m))]),
        ["help"] = help,
    }.ToJsonString();

    /// <summary>A sequence validation refuses: each error with its node path and field, as <c>validate --json</c> lists them.</summary>
    public static string OfInvalidSequence(string file, string detail, IEnumerable<ValidationProblem> errors) => new JsonObject
    {
        ["title"] = "The task sequence is not valid",
        ["detail"] = $"{file}: {detail}",
        ["errors"] = new JsonArray([.. errors.Select(e => new JsonObject
        {
            ["severity"] = e.Severity.ToString(), ["path"] = e.Path, ["field"] = e.Field, ["message"] = e.Message,
        })]),
    }.ToJsonString();

    private static JsonObject? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): described from the message instead.
            return null;
        }
    }
}
