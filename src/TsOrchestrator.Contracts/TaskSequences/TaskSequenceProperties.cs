using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Contracts.TaskSequences;

/// <summary>The Properties dialog of a task sequence: its four tabs, plus name and description.</summary>
public sealed record TaskSequenceProperties
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required SoftwareCenterProperties SoftwareCenter { get; init; }
    public required AdvancedProperties Advanced { get; init; }
    public required UserNotificationProperties UserNotification { get; init; }
    public required PerformanceProperties Performance { get; init; }
}
