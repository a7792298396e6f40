namespace TsOrchestrator.Bench.Osd;

/// <summary>A line of the machine's serial console and the host clock's time (since power-on) when the host first saw it.</summary>
internal sealed record ConsoleLine(TimeSpan HostAt, string Text);
