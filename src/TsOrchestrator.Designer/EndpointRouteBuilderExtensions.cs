using Microsoft.AspNetCore.Builder;
using TsOrchestrator.Designer.Components;
using TsOrchestrator.Designer.Session;

namespace TsOrchestrator.Designer;

/// <summary>Maps the designer console at <c>/</c>; call after the host's authentication and authorization middleware.</summary>
public static class EndpointRouteBuilderExtensions
{
    public static WebApplication MapTsOrchestratorDesigner(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapSignInEndpoints();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization();
        return app;
    }
}
