using Microsoft.Extensions.Options;

namespace TsOrchestrator.Server.Scheduling;

/// <summary>
/// A run's maximum allowed run time as a span; the deadline it gives is saved with the run and enforced by
/// <see cref="RunDeadlineJob"/>, so a server restart loses no timeout and one that passed while the server was
/// down ends the run at the first check after start.
/// </summary>
public sealed class RunTimeouts(IOptions<SchedulingOptions> options)
{
    public TimeSpan RunTime(int effectiveMinutes) => TimeSpan.FromSeconds((double)effectiveMinutes * options.Value.SecondsPerRunTimeMinute);
}
