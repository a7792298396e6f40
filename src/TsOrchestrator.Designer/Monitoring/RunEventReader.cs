using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Contracts.Serialization;

namespace TsOrchestrator.Designer.Monitoring;

/// <summary>
/// Reads a run's server-sent events: <c>data:</c> lines gather until a blank line ends an event; the other fields
/// (<c>event:</c>, <c>id:</c>) and comments carry nothing the monitor needs.
/// </summary>
public static class RunEventReader
{
    public static async IAsyncEnumerable<RunEventMessage> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    yield return Parse(data.ToString());
                    data.Clear();
                }

                continue;
            }

            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                var value = line.AsSpan(5);
                data.Append(data.Length > 0 ? "\n" : "").Append(value.StartsWith(" ") ? value[1..] : value);
            }
        }

        if (data.Length > 0)
        {
            yield return Parse(data.ToString());
        }
    }

    private static RunEventMessage Parse(string json) =>
        JsonSerializer.Deserialize<RunEventMessage>(json, ContractJson.Options) ?? throw new JsonException("the server sent an empty run event");
}
