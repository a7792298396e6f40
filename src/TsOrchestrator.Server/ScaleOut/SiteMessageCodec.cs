using System.Text;
using System.Text.Json;

namespace TsOrchestrator.Server.ScaleOut;

/// <summary>
/// Site messages as NOTIFY payloads, each under <see cref="MaxPayloadBytes"/> (PostgreSQL refuses 8000 bytes or more):
/// a run event too large travels as a reference the receiver reads from the store, a notice for many devices as several.
/// </summary>
public static class SiteMessageCodec
{
    /// <summary>Below PostgreSQL's 8000-byte payload limit, with room to spare.</summary>
    public const int MaxPayloadBytes = 7500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static IEnumerable<string> Encode(SiteMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Serialize(message, Json);
        if (Encoding.UTF8.GetByteCount(payload) < MaxPayloadBytes)
        {
            return [payload];
        }

        return message switch
        {
            { Run: { } run } => Encode(message with
            {
                Run = null,
                RunReference = new RunEventReference
                {
                    RunId = run.RunId, Sequences = [.. run.Records.Select(r => r.Sequence)], LogWorkItemId = run.Log?.WorkItemId, LogOffset = run.Log?.Offset,
                },
            }),
            { RunReference: { Sequences.Count: > 1 } reference } => Halves(reference.Sequences).SelectMany(half => Encode(message with { RunReference = reference with { Sequences = half } })),
            { Notify: { Devices.Count: > 1 } notice } => Halves(notice.Devices).SelectMany(half => Encode(message with { Notify = notice with { Devices = half } })),
            _ => throw new ArgumentException($"a site message of {Encoding.UTF8.GetByteCount(payload)} bytes cannot be split under {MaxPayloadBytes}", nameof(message)),
        };
    }

    /// <summary>The message, or null for a payload this node cannot read (another version's, or not ours).</summary>
    public static SiteMessage? Decode(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<SiteMessage>(payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<IReadOnlyList<T>> Halves<T>(IReadOnlyList<T> items)
    {
        var middle = items.Count / 2;
        yield return [.. items.Take(middle)];
        yield return [.. items.Skip(middle)];
    }
}
