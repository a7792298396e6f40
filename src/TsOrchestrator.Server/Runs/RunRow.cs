namespace TsOrchestrator.Server.Runs;

/// <summary>What a transition reads of its run before applying the event (see <see cref="RunTransitionStore"/>).</summary>
internal sealed record RunRow(RunProgress Progress, string DefinitionHash, int HistoryCount, string? DeviceId, long InspectionBytes, int? InspectionCappedAt)
{
    /// <summary>What the row weighs in the cache, in characters of its two big texts.</summary>
    public long Size { get; } = Progress.State.Length + (Progress.PendingWorkItem?.Length ?? 0);
}
