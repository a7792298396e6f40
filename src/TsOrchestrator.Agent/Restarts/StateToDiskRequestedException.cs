namespace TsOrchestrator.Agent.Restarts;

/// <summary>
/// Format and Partition Disk has made file systems while the agent's state is in RAM: the agent stops between steps,
/// with nothing in hand, for its supervisor to move the state onto the disk and start it again there.
/// </summary>
internal sealed class StateToDiskRequestedException() : Exception("the state folder is to move onto the formatted disk");
