using TsOrchestrator.Engine.Running;

namespace TsOrchestrator.Server.Runs;

/// <summary>
/// The stored run status (a <see cref="RunStatus"/> name) read as the server asks about it: is the run still open?
/// One place, so a status added to the engine cannot leave one check counting it as ended and another as open.
/// </summary>
internal static class RunStatuses
{
    /// <summary>Statuses of a run that has not ended; an array so store queries can use <c>Contains</c>.</summary>
    public static readonly string[] Open = [nameof(RunStatus.NotStarted), nameof(RunStatus.Running)];

    public static bool HasEnded(string status) => status is not (nameof(RunStatus.NotStarted) or nameof(RunStatus.Running));
}
