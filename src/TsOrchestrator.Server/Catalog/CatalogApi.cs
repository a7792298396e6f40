using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server.Catalog;

/// <summary>The step catalog and templates: what the designer's palette and Create wizard read.</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/catalog/steps", () => StepCatalog.All).RequireAuthorization(AdminPolicies.Read).WithTags("Catalog");
        app.MapGet("/api/v1/catalog/templates", (TemplateLibrary templates) => templates.Names.Order().ToList())
            .RequireAuthorization(AdminPolicies.Read).WithTags("Catalog");
        return app;
    }
}
