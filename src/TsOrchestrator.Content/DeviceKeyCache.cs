using System.Collections.Concurrent;

namespace TsOrchestrator.Content;

/// <summary>On a DP: device key hashes the site server accepted, and until when to trust them.</summary>
public sealed class DeviceKeyCache
{
    public ConcurrentDictionary<string, DateTimeOffset> Accepted { get; } = new(StringComparer.Ordinal);
}
