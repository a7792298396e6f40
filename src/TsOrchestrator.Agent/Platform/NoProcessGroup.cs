using System.Diagnostics;

namespace TsOrchestrator.Agent.Platform;

/// <summary>No group (Windows until it has its job object, or no agent binary to enter a group with): the process tree is all.</summary>
internal sealed class NoProcessGroup : IStepProcessGroup
{
    public static readonly NoProcessGroup Instance = new();

    public void Prepare(ProcessStartInfo start)
    {
    }

    public void Kill(Process process)
    {
    }

    public void Release()
    {
    }
}
