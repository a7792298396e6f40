using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TsOrchestrator.Server.Telemetry;

/// <summary>
/// OpenTelemetry for both roles: the server's meter, ASP.NET Core's and the runtime's, scraped by Prometheus at
/// <c>/metrics</c>; traces of incoming and outgoing HTTP. Exported over OTLP only when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector, so a lab server sends nothing anywhere.
/// </summary>
internal static class ServerTelemetry
{
    public const string ActivitySourceName = "TsOrchestrator.Server";

    public static IServiceCollection AddServerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ServerMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(ServerMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(ActivitySourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal))
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>
    /// The Prometheus scrape endpoint. It takes an admin key (any role; a Read-only Analyst's is enough, given to
    /// Prometheus as a bearer token): run counts and device activity are the site's business, and the server may
    /// listen beyond loopback.
    /// </summary>
    public static void MapMetrics(this IEndpointRouteBuilder app, string? policy)
    {
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        if (policy is not null)
        {
            endpoint.RequireAuthorization(policy);
        }
    }
}
