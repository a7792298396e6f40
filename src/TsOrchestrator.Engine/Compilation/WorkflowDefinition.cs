namespace TsOrchestrator.Engine.Compilation;

/// <summary>
/// The immutable, compiled form of one task sequence version. A run pins the definition it
/// started with, so editing the sequence never changes a run in flight.
/// </summary>
public sealed class WorkflowDefinition
{
    private readonly Dictionary<string, int> _indexByPath;

    internal WorkflowDefinition(string sequenceId, string sequenceName, int sequenceVersion, string contentHash,
        Activity[] activities, IReadOnlyDictionary<string, string> variables)
    {
        SequenceId = sequenceId;
        SequenceName = sequenceName;
        SequenceVersion = sequenceVersion;
        ContentHash = contentHash;
        Activities = activities;
        Variables = variables;
        _indexByPath = new Dictionary<string, int>(activities.Length, StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            _indexByPath[activity.Path] = activity.Index;
        }
    }

    public string SequenceId { get; }
    public string SequenceName { get; }
    public int SequenceVersion { get; }

    /// <summary>SHA-256 of the sequence and its children in the native format: identifies the definition.</summary>
    public string ContentHash { get; }

    /// <summary>
    /// The same definition under the identity a run was pinned to. A run's stored documents may be re-encoded without
    /// changing what runs (the server protects their secret values at rest), which changes their hash but not the run.
    /// </summary>
    public WorkflowDefinition PinnedTo(string contentHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentHash);
        return string.Equals(contentHash, ContentHash, StringComparison.Ordinal)
            ? this
            : new WorkflowDefinition(SequenceId, SequenceName, SequenceVersion, contentHash, [.. Activities], Variables);
    }

    /// <summary>All activities in depth-first order.</summary>
    public IReadOnlyList<Activity> Activities { get; }

    /// <summary>The sequence's own variables (<c>globalVarList</c>), seeded at start.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>The sentinel index one past the last activity: reaching it completes the run.</summary>
    public int EndIndex => Activities.Count;

    public Activity this[int index] => Activities[index];

    public bool TryGetIndex(string path, out int index) => _indexByPath.TryGetValue(path, out index);
}
