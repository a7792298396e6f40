using System.Collections.Concurrent;

namespace TsOrchestrator.Server.Agents;

/// <summary>
/// Approved device keys seen lately, so that an agent's every call does not cost a store lookup. An entry lives
/// <see cref="Lifetime"/> at most; blocking a device forgets it at once on this node and, through the site bus, on the
/// site's other nodes.
/// </summary>
public sealed class ApprovedDeviceKeys(TimeProvider clock, ScaleOut.ISiteBus site)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _byKeyHash = new(StringComparer.Ordinal);

    public bool TryGet(string keyHash, out string deviceId, out string name)
    {
        if (_byKeyHash.TryGetValue(keyHash, out var entry) && entry.Expires > clock.GetUtcNow())
        {
            (deviceId, name) = (entry.DeviceId, entry.Name);
            return true;
        }

        (deviceId, name) = ("", "");
        return false;
    }

    public void Remember(string keyHash, string deviceId, string name)
    {
        if (_byKeyHash.Count >= MaxEntries)
        {
            _byKeyHash.Clear(); // a crude bound: the next calls look their devices up again
        }

        _byKeyHash[keyHash] = new Entry(deviceId, name, clock.GetUtcNow() + Lifetime);
    }

    /// <summary>The device was blocked (or its key replaced): its next call to any node is checked against the store.</summary>
    public void Forget(string deviceId)
    {
        ForgetHere(deviceId);
        site.Send(ScaleOut.SiteMessage.ForForget(deviceId));
    }

    /// <summary>On this node only: another node sent the forget.</summary>
    public void ForgetHere(string deviceId)
    {
        foreach (var (hash, entry) in _byKeyHash)
        {
            if (entry.DeviceId == deviceId)
            {
                _byKeyHash.TryRemove(hash, out _);
            }
        }
    }

    /// <summary>Every key, when this node may have missed forgets (its site channel was lost for a while).</summary>
    public void ForgetAll() => _byKeyHash.Clear();

    private sealed record Entry(string DeviceId, string Name, DateTimeOffset Expires);
}
