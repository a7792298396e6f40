namespace TsOrchestrator.Bench.Osd;

/// <summary>One measured deployment, times in seconds since power-on (host clock) unless named otherwise.</summary>
internal sealed record OsdRunFigures
{
    public required string Accelerator { get; init; }
    public required double LoadAverage { get; init; }

    /// <summary>Kernel panics on the console (each one a reboot inside a boot's time).</summary>
    public required int KernelPanics { get; init; }

    /// <summary>Host: power-on → the server lists the device (polled every 200 ms).</summary>
    public required double Registered { get; init; }

    /// <summary>Console (host-stamped): power-on → the boot image's init starts the agent (firmware, iPXE, kernel, init, DHCP).</summary>
    public required double FirstBoot { get; init; }

    public required IReadOnlyList<StepTiming> Steps { get; init; }

    /// <summary>Guest /proc/uptime, from the raw step's own output.</summary>
    public required double RawWritebackBefore { get; init; }

    public required double RawExtract { get; init; }
    public required double RawWritebackAfter { get; init; }
    public required long RawFiles { get; init; }
    public required long RawKib { get; init; }

    /// <summary>What the apply step said it extracted.</summary>
    public required string ApplyTally { get; init; }

    /// <summary>Console (host-stamped): the agent's restart request → the installed system's sysinit is done and init starts the agent.</summary>
    public required double SecondBoot { get; init; }

    /// <summary>Console (host-stamped): Setup Operating System finished → the last step starts in the installed system.</summary>
    public required double RestartIntoInstalled { get; init; }

    /// <summary>Host: power-on → the server says Succeeded (polled every 200 ms).</summary>
    public required double Succeeded { get; init; }

    public double StepWork => Steps.Sum(s => s.AgentSeconds);

    public double Overhead => Succeeded - FirstBoot - SecondBoot - StepWork;

    public double OverheadShare => Overhead / Succeeded;

    public StepTiming Step(int index) => Steps[index];

    /// <summary>Throughput of the apply beside the raw extract of the same image: raw time ÷ apply time.</summary>
    public double ApplyRatio => RawExtract / Step(OsdSequence.Apply).AgentSeconds;

    /// <summary>The same with each side's write-back to the virtual disk counted (the apply's is what the raw step's first sync waited for).</summary>
    public double ApplyRatioWithWriteback => (RawExtract + RawWritebackAfter) / (Step(OsdSequence.Apply).AgentSeconds + RawWritebackBefore);
}
