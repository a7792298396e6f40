namespace TsOrchestrator.Bench;

/// <summary>What the driver does with the run state between transitions.</summary>
internal enum DriverMode
{
    /// <summary>The state stays in memory: the engine's own cost.</summary>
    InMemory,

    /// <summary>The state is written as JSON after every transition (what a host persists).</summary>
    Serialize,

    /// <summary>Written and read back after every transition: the next event is applied to the state read back.</summary>
    SerializeAndDeserialize,
}
