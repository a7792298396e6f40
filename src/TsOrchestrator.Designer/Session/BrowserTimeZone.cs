using Microsoft.JSInterop;

namespace TsOrchestrator.Designer.Session;

/// <summary>
/// The time zone of the browser this console session runs in: times are shown in it, with UTC on hover. Until the
/// browser has said (the first render happens on the server, before any script runs) and where the server does not know
/// the zone's name, times show in UTC and say so.
/// </summary>
public sealed class BrowserTimeZone
{
    private bool _asked;

    /// <summary>The browser's zone, or null while it is not known.</summary>
    public TimeZoneInfo? Zone { get; private set; }

    /// <summary>Raised once the zone is known, so that times already on the page are shown again in it.</summary>
    public event Action? Known;

    public async Task LearnAsync(IJSRuntime js)
    {
        ArgumentNullException.ThrowIfNull(js);
        if (_asked)
        {
            return;
        }

        _asked = true;
        string? name;
        try
        {
            name = await js.InvokeAsync<string?>("tsDesigner.timeZone").ConfigureAwait(true);
        }
        catch (JSException)
        {
            // A browser still holding an older designer.js from its cache: times stay in UTC, and say so.
            return;
        }

        if (name is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            Zone = zone;
            Known?.Invoke();
        }
    }
}
