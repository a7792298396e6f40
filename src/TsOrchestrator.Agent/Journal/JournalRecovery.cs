namespace TsOrchestrator.Agent.Journal;

/// <summary>
/// What settling the journal at start-up left to do. <paramref name="ResumeRunId"/> is the run to go on with;
/// <paramref name="CheckpointLost"/> says the journal could not be read, and <paramref name="Unmatched"/> holds a
/// started step's record that names a run the server does not know: either way the work item in hand is not known
/// for sure, and the device's active run is asked about it before anything runs (a step must never run twice).
/// </summary>
internal sealed record JournalRecovery(string? ResumeRunId, bool CheckpointLost = false, CheckpointRecord? Unmatched = null)
{
    public static readonly JournalRecovery Settled = new((string?)null);

    public bool Unsettled => CheckpointLost || Unmatched is not null;
}
