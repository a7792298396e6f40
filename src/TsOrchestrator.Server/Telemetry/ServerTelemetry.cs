using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TsOrchestrator.Server.Telemetry;

/// <summary>
/// OpenTelemetry for both roles: the server's meter, ASP.NET Core's and the runtime's, scraped by Prometheus at
/// <c>/metrics</c>; traces of incoming and outgoing HTTP and of the store's commands, which continue a caller's W3C
/// <c>traceparent</c> (the CLI's, a proxy's). Exported over OTLP only when the standard
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
                .AddPrometheusExporter());

        // Traces only when a collector is named: a span nobody receives still costs its allocation on every agent call.
        if (TracingEnabled(configuration))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(ActivitySourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal))
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation())
                .UseOtlpExporter();
        }

        return services;
    }

    /// <summary>
    /// The Prometheus scrape endpoint. It takes an admin key (any role; a Read-only Analyst's is enough, given to
    /// Prometheus as a bearer token): run counts and device activity are the site's business, and the server may
    /// listen beyond loopback.
    /// </summary>
    /// <summary>
    /// The standard variable naming a collector (OTLP over gRPC, or HTTP with <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>):
    /// traces and metrics go there.
    /// </summary>
    public static bool TracingEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static void MapMetrics(this IEndpointRouteBuilder app, string? policy)
    {
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        if (policy is not null)
        {
            endpoint.RequireAuthorization(policy);
        }
    }
}
