namespace TsOrchestrator.Server.Openings;

/// <summary>
/// A moment devices must hear of at once: a deployment becoming available or its assignment coming due
/// (<see cref="Deployment"/>), or a maintenance window opening (<see cref="Window"/>).
/// </summary>
public readonly record struct Opening(string Kind, string Id, DateTimeOffset At)
{
    public const string Deployment = "deployment";
    public const string Window = "window";
}
