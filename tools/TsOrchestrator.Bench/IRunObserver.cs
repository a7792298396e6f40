using TsOrchestrator.Engine.Running;

namespace TsOrchestrator.Bench;

/// <summary>Looks at every transition of an untimed verification run.</summary>
internal interface IRunObserver
{
    /// <param name="transition">The transition just applied.</param>
    /// <param name="state">The state after it.</param>
    /// <param name="stateJson">The state as serialised after it (empty when the run does not serialise).</param>
    void Observe(Transition transition, RunState state, ReadOnlySpan<byte> stateJson);
}
