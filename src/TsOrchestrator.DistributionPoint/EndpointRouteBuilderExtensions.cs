using TsOrchestrator.Content;
using TsOrchestrator.Content.Hosting;

namespace TsOrchestrator.DistributionPoint;

/// <summary>Maps every endpoint of a distribution point.</summary>
public static class EndpointRouteBuilderExtensions
{
    public static WebApplication MapTsOrchestratorDistributionPoint(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapDistributionPointApi();
        return app;
    }
}
