using System.Globalization;
using System.Text.RegularExpressions;

namespace TsOrchestrator.Server.NetworkBoot;

/// <summary>How network boot names a machine: MAC addresses and the SMBIOS UUID, in one spelling whoever reports them.</summary>
public static partial class MachineIdentity
{
    /// <summary><c>52:54:00:12:34:56</c> from any case, with colons or hyphens; null when it is not a MAC address.</summary>
    public static string? NormalizeMac(string? mac) =>
        mac is not null && MacPattern().IsMatch(mac) ? mac.Replace('-', ':').ToLowerInvariant() : null;

    /// <summary>The canonical lower-case UUID; null when it is none (or all zeros or ones, which firmware reports when it has none).</summary>
    public static string? NormalizeUuid(string? uuid)
    {
        if (uuid is null || !Guid.TryParse(uuid.Trim(), out var parsed) || parsed == Guid.Empty ||
            parsed == Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff", CultureInfo.InvariantCulture))
        {
            return null;
        }

        return parsed.ToString("D", CultureInfo.InvariantCulture);
    }

    public static string JoinMacAddresses(IEnumerable<string> macs) =>
        string.Join(',', macs.Select(NormalizeMac).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    [GeneratedRegex("^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$")]
    private static partial Regex MacPattern();
}
