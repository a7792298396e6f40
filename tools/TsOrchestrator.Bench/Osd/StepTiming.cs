namespace TsOrchestrator.Bench.Osd;

/// <summary>
/// One step's times from the three clocks: the agent's own (its log lines "step ... attempt" and "step ... finished",
/// the handler's work plus the journal write around it), the server's record (dispatched → result applied, so it
/// includes the agent's poll and the result's trip), and the host's sight of the agent's lines on the console.
/// </summary>
internal sealed record StepTiming(string Name, double AgentSeconds, double ServerSeconds, TimeSpan HostStart, TimeSpan HostEnd);
