using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Domain.Conditions;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Server.Agents;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Content;
using TsOrchestrator.Server.Deployments;
using TsOrchestrator.Server.Exchange;
using TsOrchestrator.Server.PhasedDeployments;
using Quartz;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.Scheduling;
using TsOrchestrator.Server.Health;
using TsOrchestrator.Content.Hosting;
using TsOrchestrator.Server.KeyRing;
using TsOrchestrator.Content;
using TsOrchestrator.Content.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.TaskSequences;
using TsOrchestrator.Server.Telemetry;
using TsOrchestrator.Content.Uploads;

namespace TsOrchestrator.Server;

/// <summary>Registers everything the site server needs.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The default scheme for API paths: the admin API key, or the device key on <c>/agent</c>.</summary>
    public const string CallerScheme = "Caller";

    public static IServiceCollection AddTsOrchestratorServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddServerTelemetry(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.Provider != StorageProvider.Postgres || !string.IsNullOrWhiteSpace(o.PostgresConnectionString),
                "Storage:PostgresConnectionString is required when Storage:Provider is Postgres")
            .ValidateOnStart();
        services.AddOptions<EditLockOptions>().Bind(configuration.GetSection(EditLockOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingletonTimeProvider();

        services.AddScoped<RequestCaller>();
        services.AddStore(configuration);
        services.AddScoped<AuditLog>();
        services.AddScoped<AdminKeyBootstrapper>();
        services.AddScoped<TaskSequenceService>();
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                return ValueTask.CompletedTask;
            };
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AgentOptions>>((o, agents) =>
            o.AddConcurrencyLimiter(AgentApi.CallLimit, limit =>
            {
                limit.PermitLimit = agents.Value.MaxConcurrentCalls;
                limit.QueueLimit = agents.Value.MaxQueuedCalls;
                limit.QueueProcessingOrder = System.Threading.RateLimiting.QueueProcessingOrder.OldestFirst;
            }));
        services.AddScoped<AgentService>();
        services.AddScoped<DeploymentDecisions>();
        services.AddScoped<DeploymentExplainer>();
        services.AddScoped<NetworkBoot.NetworkBootSelection>();
        services.AddScoped<RunRuntime>();
        services.AddScoped<RunVariables>();
        services.AddScoped<StoreRetryFilter>();
        services.AddScoped<VariableStore>();
        services.AddSingleton<DefinitionCache>();
        services.AddSingleton<StepSecrets.StepSecretProtector>();
        services.AddScoped<StepSecrets.StoredStepSecrets>();
        services.AddSingleton<TaskSequences.SequenceVersionCache>();
        services.AddSingleton<RunEventHub>();
        services.AddSiteBus(configuration);
        services.AddDeviceNotifications();
        services.AddSingleton<SqliteWriteGate>();
        services.AddSingleton<ApprovedDeviceKeys>();
        services.AddSingleton<DeviceKeyLookups>();
        services.AddSingleton<RunCommitWriter>();
        services.AddSingleton<RunRowCache>();
        services.AddRunInspection(configuration);
        services.AddOptions<Scheduling.SchedulingOptions>().Bind(configuration.GetSection(Scheduling.SchedulingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddQuartzOnStore(configuration);
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<RunTimeouts>();
        services.AddHostedService<RunDeadlineSchedule>();
        services.AddScoped<Openings.OpeningPlanner>();
        services.AddSingleton<Openings.OpeningSchedule>();
        services.AddHostedService<Openings.OpeningPlanSchedule>();
        services.AddPhasedDeployments(configuration);
        services.AddSiteKeyRing(configuration);
        services.AddSingleton(new TemplateLibrary(Path.Combine(AppContext.BaseDirectory, "templates")));
        services.AddContent(configuration);
        services.AddStateMigrationPoint(configuration);

        // One scheme per caller kind, chosen by path: an agent call never pays for an admin key lookup (and its
        // failure log line), nor an admin call for a device key lookup.
        services.AddAuthentication(CallerScheme)
            .AddPolicyScheme(CallerScheme, "Admin API key or device key, by path", options => options.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/agent", StringComparison.OrdinalIgnoreCase)
                    ? DeviceAuthenticationHandler.SchemeName
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, DeviceAuthenticationHandler>(DeviceAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.Read, p => p.RequireRole(AdminRoles.All))
            .AddPolicy(AdminPolicies.Edit, p => p.RequireRole(AdminRoles.FullAdministrator, AdminRoles.OsdManager))
            .AddPolicy(AdminPolicies.Administer, p => p.RequireRole(AdminRoles.FullAdministrator))
            .AddPolicy(AgentApi.Policy, p => p.AddAuthenticationSchemes(DeviceAuthenticationHandler.SchemeName).RequireRole(DeviceAuthenticationHandler.DeviceRole));

        services.AddApiPlumbing();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    private static void AddPhasedDeployments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HighRiskOptions>().Bind(configuration.GetSection(HighRiskOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PhasedDeploymentOptions>().Bind(configuration.GetSection(PhasedDeploymentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<HighRiskVerification>();
        services.AddScoped<PhasedDeploymentService>();
        services.AddScoped<PhasedDeploymentEvaluator>();
        services.AddSingleton<PhasedDeploymentSchedule>();
        services.AddHostedService<PhasedDeploymentRecovery>();
    }

    private static void AddRunInspection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Runs.Inspection.RunInspectionOptions>().Bind(configuration.GetSection(Runs.Inspection.RunInspectionOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Runs.Inspection.StepInspectionRecorder>();
        services.AddScoped<Runs.Inspection.RunInspectionReader>();
        services.AddScoped<Runs.Inspection.RunInspectionRetention>();
        services.AddHostedService<Runs.Inspection.RunInspectionRetentionSchedule>();
    }

    private static void AddStateMigrationPoint(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StateMigration.StateMigrationOptions>().Bind(configuration.GetSection(StateMigration.StateMigrationOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StateMigration.StateStoreVault>();
        services.AddScoped<StateMigration.StateStoreService>();
        services.AddHostedService<StateMigration.StateStoreRetentionSchedule>();
    }

    private static void AddContent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContentOptions>().Bind(configuration.GetSection(ContentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ContentLibrary>();
        services.AddSingleton<ContentSourceRoots>();
        services.AddSingleton<DistributionSignal>();
        services.AddScoped<PackageService>();
        services.AddScoped<ContentDistributor>();
        services.AddScoped<ContentValidator>();
        services.AddHttpClient(DistributionPointClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHostedService<DistributionWorker>();
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<UploadOptions>>((kestrel, uploads) => kestrel.Limits.MaxRequestBodySize = uploads.Value.MaxRequestBodyBytes);
        services.AddOptions<ExchangeOptions>().Bind(configuration.GetSection(ExchangeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImportFolders>();
        services.AddScoped<ExchangeExporter>();
        services.AddScoped<ExchangeImporter>();
    }

    private static void AddApiPlumbing(this IServiceCollection services)
    {
        // Before the shared handler: handlers run in order, and a store race is a 409, never a 500.
        services.AddExceptionHandler<Problems.StoreExceptionHandler>();
        services.AddApiProblems();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<OpenApiBearerScheme>());
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    /// <summary>
    /// Quartz keeps its jobs and triggers in the store's own database, so they survive a restart and a trigger
    /// that misfired while the server was down fires at start. On PostgreSQL the scheduler is clustered: any
    /// node fires a trigger, exactly one does.
    /// </summary>
    private static void AddQuartzOnStore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var scheduling = configuration.GetSection(Scheduling.SchedulingOptions.Section).Get<Scheduling.SchedulingOptions>() ?? new Scheduling.SchedulingOptions();
        services.Configure<QuartzSchedulerOptions>(o => o.IdleWaitTime = TimeSpan.FromSeconds(scheduling.IdleWaitSeconds));
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.ProvisionSchema();
                if (options.Provider == StorageProvider.Postgres)
                {
                    store.UsePostgres(options.PostgresConnectionString!);
                    store.UseClustering();
                }
                else
                {
                    store.UseSqlite($"Data Source={options.SqlitePath};Pooling=True");
                }
            });
        });
    }

    private static void AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (options.Provider == StorageProvider.Postgres)
        {
            services.AddDbContextPool<PostgresStoreContext>((sp, o) =>
                o.UseNpgsql(options.PostgresConnectionString).AddInterceptors(sp.GetRequiredService<Notifications.NotificationSaveChangesInterceptor>()));
            services.AddScoped<StoreContext>(sp => WithCaller(sp, sp.GetRequiredService<PostgresStoreContext>()));
            return;
        }

        services.AddDbContextPool<SqliteStoreContext>((sp, o) =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            o.UseSqlite($"Data Source={storage.SqlitePath};Pooling=True").AddInterceptors(new SqlitePragmaInterceptor(), new SqliteWriteGateInterceptor(sp.GetRequiredService<SqliteWriteGate>()),
                sp.GetRequiredService<Notifications.NotificationSaveChangesInterceptor>());
        });
        services.AddScoped<StoreContext>(sp => WithCaller(sp, sp.GetRequiredService<SqliteStoreContext>()));
    }

    /// <summary>The other nodes of a site on PostgreSQL, told of this node's changes; on SQLite (one node), nobody.</summary>
    private static void AddSiteBus(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ScaleOut.SiteNode>();
        if ((configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions()).Provider != StorageProvider.Postgres)
        {
            services.AddSingleton<ScaleOut.ISiteBus, ScaleOut.NoSiteBus>();
            return;
        }

        services.AddSingleton<ScaleOut.PostgresSiteBus>();
        services.AddSingleton<ScaleOut.ISiteBus>(sp => sp.GetRequiredService<ScaleOut.PostgresSiteBus>());
        services.AddHostedService(sp => sp.GetRequiredService<ScaleOut.PostgresSiteBus>());
        services.AddSingleton<ScaleOut.SiteMessageReceiver>();
        services.AddHostedService<ScaleOut.PostgresSiteListener>();
    }

    /// <summary>The fast channel's server side: this node's hub, and what turns saved changes into notifications.</summary>
    private static void AddDeviceNotifications(this IServiceCollection services)
    {
        services.AddSingleton<Notifications.InMemoryDeviceNotificationHub>();
        services.AddSingleton<Notifications.IDeviceNotificationHub, Notifications.SiteDeviceNotificationHub>();
        services.AddSingleton<Notifications.DeviceNotificationQueue>();
        services.AddSingleton<Notifications.NotificationSaveChangesInterceptor>();
        services.AddHostedService<Notifications.DeviceNotificationDispatcher>();
    }

    // A pooled context keeps whatever caller its last lease had: every lease gets its own scope's.
    private static StoreContext WithCaller(IServiceProvider services, StoreContext store)
    {
        store.RequestCaller = services.GetRequiredService<RequestCaller>();
        return store;
    }
}
