using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Serialization;

namespace TsOrchestrator.Bench;

/// <summary>
/// The same save-and-reload of one run state, done four ways, timed in the same process: ours
/// (source-generated, reused writer) against reflection-based System.Text.Json with the options
/// cached, rebuilt per call, and rebuilt per call with a converter (PERFORMANCE.md's Elsa anti-pattern).
/// Each cycle: state → JSON → state.
/// </summary>
internal sealed class SerializationBaseline(RunState state) : IDisposable
{
    private static readonly JsonSerializerOptions CachedOptions = NewOptions(withConverter: true);

    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer = new(new ArrayBufferWriter<byte>());

    /// <summary>Ours: <see cref="RunStateSerializer"/> into a reused buffer and writer, read back.</summary>
    public RunState Ours()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        RunStateSerializer.Serialize(_writer, state);
        _writer.Flush();
        return RunStateSerializer.Deserialize(_buffer.WrittenSpan);
    }

    /// <summary>Reflection with one options instance kept for the process: the careful way to use reflection.</summary>
    public RunState ReflectionCachedOptions() => RoundTrip(CachedOptions, CachedOptions);

    /// <summary>
    /// Reflection with options built on every call, without converters. Since .NET 7, equal options share
    /// one metadata cache process-wide, so this costs far less than it did for Elsa.
    /// </summary>
    public RunState ReflectionOptionsPerCall() => RoundTrip(NewOptions(withConverter: false), NewOptions(withConverter: false));

    /// <summary>
    /// Reflection with options built on every call with a new converter instance in them, as typically
    /// written (<c>Converters.Add(new JsonStringEnumConverter())</c>): options with a different converter
    /// instance are not equal, so the shared cache misses and every call rebuilds the type metadata.
    /// </summary>
    public RunState ReflectionOptionsAndConverterPerCall() => RoundTrip(NewOptions(withConverter: true), NewOptions(withConverter: true));

    private RunState RoundTrip(JsonSerializerOptions write, JsonSerializerOptions read)
    {
        var flat = BaselineRunState.From(state);
        var json = JsonSerializer.SerializeToUtf8Bytes(flat, write);
        var back = JsonSerializer.Deserialize<BaselineRunState>(json, read) ?? throw new JsonException("state is null");
        return back.ToRunState();
    }

    // Rebuilding options per call is exactly the anti-pattern this baseline measures.
#pragma warning disable CA1869
    private static JsonSerializerOptions NewOptions(bool withConverter)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        if (withConverter)
        {
            options.Converters.Add(new JsonStringEnumConverter());
        }

        return options;
    }
#pragma warning restore CA1869

    public void Dispose() => _writer.Dispose();
}
