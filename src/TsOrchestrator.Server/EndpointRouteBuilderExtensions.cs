using Scalar.AspNetCore;
using TsOrchestrator.Server.Telemetry;
using TsOrchestrator.Server.Agents;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Deployments;
using TsOrchestrator.Server.Devices;
using TsOrchestrator.Server.Exchange;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.Catalog;
using TsOrchestrator.Server.Folders;
using TsOrchestrator.Content;
using TsOrchestrator.Content.Hosting;
using TsOrchestrator.Server.NetworkBoot;
using TsOrchestrator.Server.PhasedDeployments;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.StateMigration;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server;

/// <summary>Maps every endpoint of the site server.</summary>
public static class EndpointRouteBuilderExtensions
{
    public static WebApplication MapTsOrchestratorServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // Every call is run again when PostgreSQL's restart broke the store's connection under it (see StoreRetryFilter).
        var api = app.MapGroup("").AddEndpointFilterFactory((_, next) => context =>
            context.HttpContext.RequestServices.GetRequiredService<StoreRetryFilter>().InvokeAsync(context, next));
        app.MapOpenApi("/openapi/{documentName}.json");
        // The API reference page (/scalar/v1) reads the document above; it is anonymous, as the document is.
        app.MapScalarApiReference(o => o.WithTitle("TsOrchestrator API"));
        api.MapMetrics(AdminPolicies.Read);
        api.MapHealthEndpoints();
        api.MapTaskSequencesApi();
        api.MapElsaExportApi();
        api.MapFoldersApi();
        api.MapCatalogApi();
        api.MapAuditApi();
        api.MapCallerApi();
        api.MapApiKeysApi();
        api.MapDevicesApi();
        api.MapCollectionsApi();
        api.MapDeploymentsApi();
        api.MapDeploymentStatusApi();
        api.MapDeploymentWhyApi();
        api.MapPhasedDeploymentsApi();
        api.MapRunsApi();
        api.MapAgentApi();
        api.MapNetworkBootApi();
        api.MapPackagesApi();
        api.MapDistributionPointsApi();
        api.MapContentDistributionApi();
        api.MapContentAgentApi();
        api.MapDistributionPointFiles();
        api.MapExchangeApi();
        api.MapStateStoresApi();
        api.MapStateMigrationAgentApi();
        return app;
    }
}
