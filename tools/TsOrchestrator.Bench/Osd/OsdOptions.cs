namespace TsOrchestrator.Bench.Osd;

/// <summary>What the <c>osd</c> benchmark runs: how many deployments, the payload's size, the image format, where the boot image is.</summary>
internal sealed record OsdOptions(int Runs, int PayloadMegabytes, OsdImageFormat Format, string? BootImage, string? JsonPath);
