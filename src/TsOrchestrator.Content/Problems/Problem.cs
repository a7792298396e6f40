namespace TsOrchestrator.Content.Problems;

/// <summary>The problems the admin API reports, each naming what the caller must fix.</summary>
public static class Problem
{
    public static ApiProblemException BadRequest(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "Invalid request", message, Field(field, message));

    public static ApiProblemException NotFound(string what, string id) =>
        new(StatusCodes.Status404NotFound, $"{what} not found", $"{what} '{id}' does not exist or is outside your security scopes");

    public static ApiProblemException Conflict(string message, string? field = null) =>
        new(StatusCodes.Status409Conflict, "Conflict", message, field is null ? null : Field(field, message));

    public static ApiProblemException StaleVersion(string what, string id, long current) =>
        new(StatusCodes.Status409Conflict, "Stale version",
            $"{what} '{id}' was changed by someone else (current version {current}); read it again and reapply your change",
            Field("If-Match", $"current version is {current}"), new Dictionary<string, object?> { ["currentVersion"] = current });

    public static ApiProblemException PreconditionRequired(string what) =>
        new(StatusCodes.Status428PreconditionRequired, "If-Match required",
            $"saving a {what} requires the If-Match header with the version you read", Field("If-Match", "required"));

    public static ApiProblemException Validation(IDictionary<string, string[]> errors, string detail = "the document has validation errors") =>
        new(StatusCodes.Status422UnprocessableEntity, "Validation failed", detail, errors);

    public static ApiProblemException Forbidden(string message) =>
        new(StatusCodes.Status403Forbidden, "Forbidden", message);

    public static Dictionary<string, string[]> Field(string field, string message) => new() { [field] = [message] };
}
