using System.Text.Json.Nodes;

namespace TsOrchestrator.Server.Tests.Support;

/// <summary>One operation of the OpenAPI document: method, template, parameters and the request body's schema.</summary>
public sealed record ApiRoute(string Method, string Template, IReadOnlyList<ApiParameter> Parameters, string? BodyMediaType, JsonNode? BodySchema)
{
    /// <summary>"POST /api/v1/task-sequences/{id}/copy", as the tests print and list known failures.</summary>
    public string Key => $"{Method} {Template}";

    public bool IsAgentRoute => Template.StartsWith("/agent/", StringComparison.Ordinal) || Template.StartsWith("/dp/", StringComparison.Ordinal);

    public bool IsWrite => Method is "POST" or "PUT" or "DELETE" or "PATCH";

    public IEnumerable<ApiParameter> PathParameters => Parameters.Where(p => p.In == "path");

    public IEnumerable<ApiParameter> QueryParameters => Parameters.Where(p => p.In == "query");

    /// <summary>
    /// The template with each path parameter replaced by its (escaped) value, and the required query parameters
    /// (a diff's versions) given as 1, so that a request without them is not refused before it gets anywhere.
    /// </summary>
    public string Fill(Func<ApiParameter, string> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var path = Template;
        foreach (var parameter in PathParameters)
        {
            path = path.Replace("{" + parameter.Name + "}", value(parameter), StringComparison.Ordinal);
        }

        var required = QueryParameters.Where(p => p.Required).Select(p => $"{p.Name}=1").ToList();
        return required.Count == 0 ? path : $"{path}?{string.Join('&', required)}";
    }
}
