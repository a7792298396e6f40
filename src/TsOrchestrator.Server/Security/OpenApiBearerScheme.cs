using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TsOrchestrator.Server.Security;

/// <summary>
/// Says in the OpenAPI document how callers authenticate: an API key (admin) or device key (agents) as a bearer token,
/// so generated clients and the API reference page send it.
/// </summary>
internal sealed class OpenApiBearerScheme : IOpenApiDocumentTransformer
{
    public const string SchemeName = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An admin API key (the first is in admin.key in the server's data folder), or on /agent/v1 a device key.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
