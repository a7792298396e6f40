namespace TsOrchestrator.Bench.Osd;

/// <summary>What the built image holds: its file and size, the tar it expands from, the payload the benchmark added.</summary>
internal sealed record OsdImageFacts(string Kernel, string Path, long FileBytes, long TarBytes, int TarEntries, int PayloadFiles, long PayloadBytes);
