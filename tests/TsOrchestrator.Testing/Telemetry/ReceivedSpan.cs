namespace TsOrchestrator.Testing.Telemetry;

/// <summary>A span as an OTLP exporter sent it: who sent it (service, instrumentation scope) and where it sits in its trace.</summary>
public sealed record ReceivedSpan(string Service, string Scope, string Name, string TraceId, string SpanId, string ParentSpanId);
