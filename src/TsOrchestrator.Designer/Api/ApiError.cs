using System.Net;
using System.Text.Json;
using Refit;

namespace TsOrchestrator.Designer.Api;

/// <summary>
/// A refusal from the admin API, read from its RFC 9457 problem details, so the console shows the
/// server's own reason and field messages instead of inventing its own.
/// </summary>
public sealed record ApiError(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]> Errors, string? LockedBy)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public bool IsValidation => Status == (int)HttpStatusCode.UnprocessableEntity;
    public bool IsStale => Status == (int)HttpStatusCode.Conflict && Errors.ContainsKey("If-Match");
    public bool IsLocked => Status == 423;
    public bool IsUnauthorized => Status == (int)HttpStatusCode.Unauthorized;

    /// <summary>One line for a snackbar or an alert.</summary>
    public string Message => Detail.Length > 0 ? $"{Title}: {Detail}" : Title;

    /// <summary>The server's messages on one field (its name as the API spells it), as one line; null when it named none.</summary>
    public string? For(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public static ApiError From(ApiException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var status = (int)exception.StatusCode;
        var title = exception.ReasonPhrase ?? exception.StatusCode.ToString();
        var detail = "";
        string? lockedBy = null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(exception.Content))
        {
            try
            {
                using var json = JsonDocument.Parse(exception.Content);
                var root = json.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    title = Text(root, "title") ?? title;
                    detail = Text(root, "detail") ?? "";
                    lockedBy = Text(root, "lockedBy");
                    if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var field in list.EnumerateObject())
                        {
                            errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                                ? [.. field.Value.EnumerateArray().Select(e => e.GetString() ?? "")]
                                : [field.Value.ToString()];
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not a problem document (a proxy's page, say): the status line is all there is to show.
            }
        }

        if (status == (int)HttpStatusCode.Unauthorized && detail.Length == 0)
        {
            detail = "the API key of this session is no longer accepted; sign in again";
        }

        return new ApiError(status, title, detail, errors.Count == 0 ? NoErrors : errors, lockedBy);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static ApiError Unreachable(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ApiError(0, "Server unreachable", exception.Message, NoErrors, null);
    }
}
