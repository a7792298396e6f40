namespace TsOrchestrator.Domain.Variables;

/// <summary>
/// Secret values the host sealed (encrypted) before they entered a run: a device's secret variables, the values a Set
/// Dynamic Variables rule marks secret, and whatever a step copies from them. The engine carries them, expands them
/// into settings and other variables, but cannot read them: a comparison with one is decided on the device, where the
/// host reveals them, and a variable that holds one is itself secret.
/// </summary>
public static class SealedValues
{
    /// <summary>What every sealed value starts with (the host's protected payload follows).</summary>
    public const string Marker = "enc1:";

    /// <summary>Whether the value is, or has inside it, a sealed value.</summary>
    public static bool Contains(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Contains(Marker, StringComparison.Ordinal);
    }
}
