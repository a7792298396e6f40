namespace TsOrchestrator.Server.Storage;

/// <summary>A collection's maintenance window: when required deployments may start on its devices.</summary>
public sealed class MaintenanceWindowEntity
{
    public required string Id { get; set; }
    public required string CollectionId { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset Start { get; set; }
    public int DurationMinutes { get; set; }
    public Recurrence Recurrence { get; set; } = Recurrence.None;

    /// <summary>Every how many days or weeks the window recurs.</summary>
    public int Interval { get; set; } = 1;

    /// <summary>All deployments, or task sequences only (both gate task sequence deployments).</summary>
    public bool TaskSequencesOnly { get; set; }
}
