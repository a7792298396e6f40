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
        app.MapOpenApi("/openapi/{documentName}.json");
        // The API reference page (/scalar/v1) reads the document above; it is anonymous, as the document is.
        app.MapScalarApiReference(o => o.WithTitle("TsOrchestrator API"));
        app.MapMetrics(AdminPolicies.Read);
        app.MapHealthEndpoints();
        app.MapTaskSequencesApi();
        app.MapElsaExportApi();
        app.MapFoldersApi();
        app.MapCatalogApi();
        app.MapAuditApi();
        app.MapCallerApi();
        app.MapApiKeysApi();
        app.MapDevicesApi();
        app.MapCollectionsApi();
        app.MapDeploymentsApi();
        app.MapDeploymentStatusApi();
        app.MapDeploymentWhyApi();
        app.MapPhasedDeploymentsApi();
        app.MapRunsApi();
        app.MapAgentApi();
        app.MapNetworkBootApi();
        app.MapPackagesApi();
        app.MapDistributionPointsApi();
        app.MapContentDistributionApi();
        app.MapContentAgentApi();
        app.MapDistributionPointFiles();
        app.MapExchangeApi();
        app.MapStateStoresApi();
        app.MapStateMigrationAgentApi();
        return app;
    }
}
