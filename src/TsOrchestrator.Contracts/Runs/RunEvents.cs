using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using TsOrchestrator.Contracts.Serialization;

namespace TsOrchestrator.Contracts.Runs;

/// <summary>Reads the run events the server streams at <c>/api/v1/runs/{id}/events</c> (server-sent events, one JSON message each).</summary>
public static class RunEvents
{
    public static async IAsyncEnumerable<RunEventMessage> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var parser = SseParser.Create(stream, (_, data) =>
            JsonSerializer.Deserialize<RunEventMessage>(data, ContractJson.Options) ?? throw new JsonException("the server sent an empty run event"));
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item.Data;
        }
    }
}
