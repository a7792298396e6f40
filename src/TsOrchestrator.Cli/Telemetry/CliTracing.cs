using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TsOrchestrator.Cli.Telemetry;

/// <summary>
/// One span per command, exported over OTLP, whose W3C <c>traceparent</c> rides on every request to the server (the
/// HTTP client sends the current activity's), so a collector shows a command, the server's handling and the store's
/// work as one trace. Only when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector: otherwise nothing
/// here runs and the OpenTelemetry assemblies are not even loaded.
/// </summary>
internal static class CliTracing
{
    public const string ActivitySourceName = "TsOrchestrator.Cli";

    public static bool Enabled => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));

    /// <summary>Starts the command's span; disposing ends it and flushes the exporter before the process exits.</summary>
    public static CommandSpan Start(string command) => new(command);

    internal sealed class CommandSpan : IDisposable
    {
        private static readonly ActivitySource Source = new(ActivitySourceName);

        private readonly TracerProvider _provider;
        private readonly Activity? _activity;

        public CommandSpan(string command)
        {
            _provider = Sdk.CreateTracerProviderBuilder()
                .ConfigureResource(resource => resource.AddService("tsorch"))
                .AddSource(ActivitySourceName)

                // .NET's own client spans: each request the command makes, a child of the command's span.
                .AddSource("System.Net.Http")
                .AddOtlpExporter()
                .Build();
            _activity = Source.StartActivity(string.IsNullOrEmpty(command) ? "tsorch" : "tsorch " + command);
        }

        public void Finish(int exitCode)
        {
            _activity?.SetTag("process.exit.code", exitCode);
            if (exitCode != 0)
            {
                _activity?.SetStatus(ActivityStatusCode.Error);
            }
        }

        public void Dispose()
        {
            _activity?.Dispose();
            _provider.Dispose();
        }
    }
}
