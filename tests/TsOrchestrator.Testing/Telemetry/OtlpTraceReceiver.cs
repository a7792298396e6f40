using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TsOrchestrator.Testing.Telemetry;

/// <summary>
/// A collector for tests: receives OTLP/HTTP (protobuf) trace exports on a free loopback port, as a real collector
/// would, and keeps the spans. The messages are read with a small protobuf walker over the fields the tests need, as
/// no OTLP protobuf package is available.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<ReceivedSpan> _spans = [];
    private readonly Task _receiving;

    private OtlpTraceReceiver(int port)
    {
        Endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _receiving = Task.Run(ReceiveAsync);
    }

    /// <summary>The collector's base address, for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public string Endpoint { get; }

    /// <summary>What a process needs to export its traces here, promptly (batches every 100 ms, not every 5 s).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "60000",
    };

    public static OtlpTraceReceiver Start()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new OtlpTraceReceiver(port);
    }

    public IReadOnlyList<ReceivedSpan> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    /// <summary>The first span that matches, once an exporter has sent it (exporters send in batches, later).</summary>
    public async Task<ReceivedSpan> WaitForAsync(Func<ReceivedSpan, bool> match, string what)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (Spans.FirstOrDefault(match) is { } span)
            {
                return span;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"no span {what} arrived; received:\n{string.Join('\n', Spans)}");
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _receiving;
        }
        catch (HttpListenerException)
        {
            // Stopped while waiting for a request.
        }
        catch (ObjectDisposedException)
        {
            // Likewise.
        }
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                var spans = ReadExport(body.ToArray());
                lock (_spans)
                {
                    _spans.AddRange(spans);
                }
            }

            // An empty ExportTraceServiceResponse: everything accepted.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    // opentelemetry/proto/collector/trace/v1: ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    private static List<ReceivedSpan> ReadExport(byte[] message)
    {
        var spans = new List<ReceivedSpan>();
        foreach (var resourceSpans in Fields(message).Where(f => f.Number == 1))
        {
            var service = "";
            var fields = Fields(resourceSpans.Bytes);

            // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }; Resource { repeated KeyValue attributes = 1; }
            foreach (var resource in fields.Where(f => f.Number == 1))
            {
                foreach (var attribute in Fields(resource.Bytes).Where(f => f.Number == 1))
                {
                    var (key, value) = KeyValue(attribute.Bytes);
                    if (key == "service.name")
                    {
                        service = value;
                    }
                }
            }

            foreach (var scopeSpans in fields.Where(f => f.Number == 2))
            {
                // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }; InstrumentationScope { string name = 1; }
                var scopeFields = Fields(scopeSpans.Bytes);
                var scope = scopeFields.Where(f => f.Number == 1).Select(f => Text(Fields(f.Bytes), 1)).FirstOrDefault() ?? "";
                foreach (var span in scopeFields.Where(f => f.Number == 2))
                {
                    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; ... }
                    var spanFields = Fields(span.Bytes);
                    spans.Add(new ReceivedSpan(service, scope, Text(spanFields, 5), Hex(spanFields, 1), Hex(spanFields, 2), Hex(spanFields, 4)));
                }
            }
        }

        return spans;
    }

    // KeyValue { string key = 1; AnyValue value = 2; }; AnyValue { string string_value = 1; ... }
    private static (string Key, string Value) KeyValue(byte[] message)
    {
        var fields = Fields(message);
        var value = fields.Where(f => f.Number == 2).Select(f => Text(Fields(f.Bytes), 1)).FirstOrDefault() ?? "";
        return (Text(fields, 1), value);
    }

    private static string Text(IEnumerable<Field> fields, int number) =>
        fields.Where(f => f.Number == number).Select(f => Encoding.UTF8.GetString(f.Bytes)).FirstOrDefault() ?? "";

    private static string Hex(IEnumerable<Field> fields, int number) =>
        fields.Where(f => f.Number == number).Select(f => Convert.ToHexStringLower(f.Bytes)).FirstOrDefault() ?? "";

    private sealed record Field(int Number, byte[] Bytes);

    /// <summary>The length-delimited fields of a message; varint and fixed-width ones are skipped.</summary>
    private static List<Field> Fields(byte[] message)
    {
        var fields = new List<Field>();
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    Varint(message, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    fields.Add(new Field(number, message[at..(at + length)]));
                    at += length;
                    break;
                default:
                    throw new InvalidDataException($"protobuf wire type {tag & 7} at byte {at}");
            }
        }

        return fields;
    }

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
