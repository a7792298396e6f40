using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace TsOrchestrator.Server.Tests.Support;

/// <summary>
/// Every operation of the server's own <c>/openapi/v1.json</c>, the one list of routes the fuzz and authorization
/// matrix tests walk; and the check that nothing is mapped beside it, so a new endpoint cannot escape them.
/// </summary>
public sealed class OpenApiRoutes
{
    /// <summary>Mapped but not API operations, by design: health, metrics, the document itself, its reference page and the designer's static files and circuit.</summary>
    public static IReadOnlyList<string> OutsideTheDocument { get; } =
    [
        "* /healthz",
        "* /healthz/live",
        "* /healthz/ready",
        "GET /openapi/{documentName}.json",
        "* /metrics",
        "GET /scalar/{documentName}",
        "GET /scalar/scalar.js",
        "GET /scalar/scalar.aspnetcore.js",
        "GET /scalar/favicon.svg",
        "GET,HEAD /{path}",
        "GET /_framework/opaque-redirect",
        "* /_blazor",
        "* /_blazor/negotiate",
        "* /_blazor/disconnect",
        "* /_blazor/initializers",
    ];

    private readonly JsonObject _document;

    private OpenApiRoutes(JsonObject document, IReadOnlyList<ApiRoute> routes)
    {
        _document = document;
        Routes = routes;
    }

    public IReadOnlyList<ApiRoute> Routes { get; }

    public static async Task<OpenApiRoutes> LoadAsync(HttpClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var text = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), cancellationToken);
        var document = JsonNode.Parse(text)!.AsObject();
        var routes = new List<ApiRoute>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            var shared = item!["parameters"]?.AsArray() ?? [];
            foreach (var (method, operation) in item.AsObject().Where(o => o.Key != "parameters"))
            {
                var parameters = shared.Concat(operation!["parameters"]?.AsArray() ?? []).Select(p => new ApiParameter(
                    (string)p!["name"]!, (string)p["in"]!, TypeOf(p["schema"]), (bool?)p["required"] ?? false)).ToList();
                var content = operation["requestBody"]?["content"]?.AsObject().FirstOrDefault();
                routes.Add(new ApiRoute(method.ToUpperInvariant(), template, parameters, content?.Key, content?.Value?["schema"]?.DeepClone()));
            }
        }

        return new OpenApiRoutes(document, routes);
    }

    /// <summary>A schema with its <c>$ref</c> replaced by the component it names (one level; call again for nested ones).</summary>
    public JsonNode? Resolve(JsonNode? schema)
    {
        for (var hops = 0; hops < 8 && schema?["$ref"] is { } reference; hops++)
        {
            schema = _document["components"]!["schemas"]![((string)reference!).Split('/')[^1]];
        }

        if (schema?["oneOf"] is JsonArray choices)
        {
            return Resolve(choices.FirstOrDefault(c => TypeOf(c) != "null"));
        }

        return schema;
    }

    /// <summary>The schema's type, preferring a real type over "null" ("integer" for the numbers ASP.NET also reads from strings).</summary>
    public static string TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue single => (string)single!,
        JsonArray many => many.Select(t => (string)t!).OrderBy(t => t switch { "null" => 3, "string" => 2, _ => 1 }).First(),
        _ => schema?["$ref"] is not null || schema?["oneOf"] is not null ? "ref" : "any",
    };

    /// <summary>Mapped endpoints the document does not list, as "METHOD /template", leaving out <see cref="OutsideTheDocument"/> and designer pages.</summary>
    public IReadOnlyList<string> Undocumented(IEnumerable<EndpointDataSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var documented = Routes.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var template = Normalize(endpoint.RoutePattern);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var listed = methods.Count == 0 ? $"* {template}" : $"{string.Join(',', methods)} {template}";
            if (OutsideTheDocument.Contains(listed) || template.StartsWith("/_content/", StringComparison.Ordinal) ||
                template.StartsWith("/_framework/", StringComparison.Ordinal) && methods.SequenceEqual(["GET", "HEAD"]) ||
                IsDesignerPage(endpoint))
            {
                continue;
            }

            foreach (var method in methods.Count == 0 ? ["*"] : methods)
            {
                if (!documented.Contains($"{method} {template}"))
                {
                    missing.Add($"{method} {template}");
                }
            }
        }

        return [.. missing];
    }

    /// <summary>A Razor page of the designer console (its own cookie sign-in, HTML, not the API); matched by name, as the test project does not reference the components assembly.</summary>
    private static bool IsDesignerPage(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Name == "ComponentTypeMetadata");

    /// <summary>"/api/v1/task-sequences/{id}/versions/{version}" from "/api/v1/task-sequences/{id}/versions/{version:int}" (no constraints, no catch-all marks).</summary>
    private static string Normalize(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));
}
