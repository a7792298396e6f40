namespace TsOrchestrator.Agent.Power;

/// <summary>
/// The plan that was active before the run switched to high performance: the profile's name, or each CPU's governor
/// by its sysfs path. <see cref="ToText"/> and <see cref="Parse"/> let it be kept across restarts.
/// </summary>
internal sealed record PowerPlanRecord(PowerPlanMechanism Mechanism, IReadOnlyDictionary<string, string> Values)
{
    public const string ProfileKey = "profile";

    public static PowerPlanRecord Nothing { get; } = new(PowerPlanMechanism.None, new Dictionary<string, string>());

    public string ToText() =>
        string.Join('\n', Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}").Prepend(Mechanism.ToString()));

    public static PowerPlanRecord Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || !Enum.TryParse<PowerPlanMechanism>(lines[0], out var mechanism))
        {
            throw new FormatException($"not a recorded power plan: '{text}'");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"not a recorded power plan value: '{line}'");
            }

            values[line[..equals]] = line[(equals + 1)..];
        }

        return new PowerPlanRecord(mechanism, values);
    }
}
