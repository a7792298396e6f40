using TsOrchestrator.Domain.Variables;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Where Capture and Restore User State keep the state: the step's <c>StateStorePath</c>, else the run's
/// <c>OSDStateStorePath</c> (what Request State Store sets, as in Configuration Manager). Inside the store, the
/// captured folders sit under <c>UserState/files/&lt;folder&gt;</c>, each folder by its path relative to the target root
/// (or to / when it lies outside it), and <c>UserState/manifest.txt</c> lists them; a capture is written beside it
/// and renamed into place when complete, so a store holds a whole capture or the previous one.
/// </summary>
internal static class UserStateStore
{
    public const string StoreVariable = "OSDStateStorePath";
    public const string StateFolder = "UserState";
    public const string FilesFolder = "files";
    public const string ManifestFile = "manifest.txt";
    public const string FolderLine = "folder ";

    public static string Path(StepContext context)
    {
        var configured = context.Setting("StateStorePath").Trim();

        // The catalog's default is %OSDStateStorePath%: left unexpanded when the run has no such variable.
        if (configured.Length == 0 || VariableExpander.HasReferences(configured))
        {
            configured = context.Variables.TryGetValue(StoreVariable, out var variable) ? variable.Trim() : "";
        }

        if (configured.Length == 0)
        {
            throw new StepFailedException($"the step has no state store: set its state store location (StateStorePath) or run Request State Store first (it sets {StoreVariable})");
        }

        return System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(configured));
    }
}
