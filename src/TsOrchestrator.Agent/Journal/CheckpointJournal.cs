using System.Text.Json;
using TsOrchestrator.Agent.Platform;

namespace TsOrchestrator.Agent.Journal;

/// <summary>
/// The agent's write-ahead journal: one file holding the checkpoint of the work item in hand. Every write goes to
/// a temporary file that is flushed to the disk and then renamed over the journal, and the rename is made durable
/// by syncing the folder, so that after a power loss the journal holds either the old or the new checkpoint,
/// never a torn one.
/// </summary>
internal sealed class CheckpointJournal
{
    private readonly string _path;
    private readonly string _temporaryPath;
    private readonly string _directory;
    private readonly TimeProvider _clock;
    private CheckpointJournal? _mirror;

    public CheckpointJournal(string stateDirectory, TimeProvider clock)
    {
        _directory = stateDirectory;
        _path = Path.Combine(stateDirectory, "journal.json");
        _temporaryPath = _path + ".tmp";
        _clock = clock;
    }

    public string FilePath => _path;

    /// <summary>
    /// From now on every checkpoint is written to the journal in <paramref name="stateDirectory"/> as well: Setup
    /// Operating System installs the agent into the applied system with the run's journal, and the restart that follows
    /// (and anything after it before the restart) must be in the journal the agent finds there when the new system starts.
    /// </summary>
    public void MirrorTo(string stateDirectory) => _mirror = new CheckpointJournal(stateDirectory, _clock);

    /// <summary>
    /// Reads the last checkpoint. A journal that cannot be read (torn, unknown, a folder where the file belongs, no
    /// permission) is moved aside (never deleted: it is evidence) and reported through
    /// <see cref="JournalContents.QuarantinedPath"/>, so the agent goes on instead of failing every start.
    /// </summary>
    public JournalContents Load()
    {
        // A temporary file is a write that never got renamed: the journal itself still holds the checkpoint before it.
        // A folder in its place would fail every write, so it goes aside as well.
        if (Directory.Exists(_temporaryPath))
        {
            MoveAside(_temporaryPath);
        }

        File.Delete(_temporaryPath);
        if (Directory.Exists(_path))
        {
            return new JournalContents(null, MoveAside(_path));
        }

        if (!File.Exists(_path))
        {
            return new JournalContents(null, null);
        }

        try
        {
            var record = JsonSerializer.Deserialize(File.ReadAllBytes(_path), AgentJsonContext.Default.CheckpointRecord);
            if (record is { RunId.Length: > 0, WorkItemId.Length: > 0 } && Enum.IsDefined(record.State))
            {
                return new JournalContents(record, null);
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            // Falls through to the quarantine below.
        }

        return new JournalContents(null, MoveAside(_path));
    }

    private string MoveAside(string path)
    {
        // The suffix keeps two things moved aside in the same millisecond (the temporary file and the journal) apart.
        var quarantined = Path.Combine(_directory, $"journal.corrupt-{_clock.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid().ToString("N")[..8]}.json");
        if (Directory.Exists(path))
        {
            Directory.Move(path, quarantined);
        }
        else
        {
            File.Move(path, quarantined);
        }

        DirectorySync.Flush(_directory);
        return quarantined;
    }

    public void Write(CheckpointRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record with { WrittenAt = _clock.GetUtcNow() }, AgentJsonContext.Default.CheckpointRecord);
        using (var file = new FileStream(_temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(_temporaryPath, _path, overwrite: true);
        DirectorySync.Flush(_directory);
        _mirror?.Write(record);
    }

    /// <summary>The work item is settled with the server: nothing is left to tell after a restart.</summary>
    public void Clear()
    {
        if (File.Exists(_path))
        {
            File.Delete(_path);
            DirectorySync.Flush(_directory);
        }

        _mirror?.Clear();
    }
}
