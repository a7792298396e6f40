using System.Buffers;
using System.Text.Json;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Engine.Serialization;

namespace TsOrchestrator.Bench;

/// <summary>
/// Runs a compiled sequence to completion in memory, playing the agent: every dispatched step is
/// answered at once with <see cref="WorkItemCompleted"/> and its exit code from the precomputed table.
/// One <see cref="Transition"/>, buffer and JSON writer serve every run, as a host would keep them per run.
/// </summary>
internal sealed class RunDriver : IDisposable
{
    /// <summary>A fixed start time: events carry times (so bookmarks and records do), but no clock is read.</summary>
    private static readonly DateTimeOffset Epoch = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly RunEngine _engine;
    private readonly IReadOnlyDictionary<string, int> _exitCodes;
    private readonly StartRun _start;
    private readonly Transition _transition = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;

    public RunDriver(WorkflowDefinition definition, IReadOnlyDictionary<string, int> exitCodes)
    {
        _engine = new RunEngine(definition);
        _exitCodes = exitCodes;
        _writer = new Utf8JsonWriter(_buffer);

        // What a server passes at start: collection and device variables and launch built-ins.
        _start = new StartRun
        {
            At = Epoch,
            Variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["_SMSTSMachineName"] = "BENCH-PC-0001",
                ["_SMSTSInWinPE"] = "false",
                ["_SMSTSLaunchMode"] = "SMS",
                ["_SMSTSAdvertID"] = "BEN20001",
                ["_SMSTSSiteCode"] = "BEN",
                ["_SMSTSMP"] = "https://tsorch.example.com",
                ["OSDComputerName"] = "BENCH-PC-0001",
                ["OSDDomainName"] = "corp.example.com",
                ["OSDTimeZone"] = "W. Europe Standard Time",
                ["SMSTSPreferredAdvertID"] = "BEN20001",
            },
        };
    }

    /// <summary>The state after the last <see cref="Run"/>.</summary>
    public RunState? LastState { get; private set; }

    /// <summary>Runs the sequence to its end; returns the number of transitions (events applied).</summary>
    public int Run(DriverMode mode, IRunObserver? observer = null)
    {
        var state = _engine.NewRun("bench-run");
        RunEvent? next = _start;
        var transitions = 0;
        while (next is not null)
        {
            _engine.Apply(state, next, _transition);
            transitions++;
            if (mode != DriverMode.InMemory)
            {
                _buffer.ResetWrittenCount();
                _writer.Reset(_buffer);
                RunStateSerializer.Serialize(_writer, state);
                _writer.Flush();
                if (mode == DriverMode.SerializeAndDeserialize)
                {
                    // The next event is applied to the state read back, as a host that reloads it would.
                    state = RunStateSerializer.Deserialize(_buffer.WrittenSpan);
                }
            }

            observer?.Observe(_transition, state, mode == DriverMode.InMemory ? default : _buffer.WrittenSpan);
            next = Answer(transitions);
        }

        LastState = state;
        return transitions;
    }

    /// <summary>The agent's answer to the work item just dispatched, or null when the run ended.</summary>
    private WorkItemCompleted? Answer(int transitions)
    {
        foreach (var command in _transition.Commands)
        {
            if (command is DispatchWorkItem { WorkItem: var item })
            {
                if (item.Kind != WorkItemKind.Step)
                {
                    throw new InvalidOperationException($"the generated sequence dispatched a {item.Kind} work item at {item.Path}");
                }

                return new WorkItemCompleted
                {
                    WorkItemId = item.Id,
                    ExitCode = _exitCodes.TryGetValue(item.Path, out var code) ? code : 0,
                    At = Epoch.AddSeconds(transitions),
                };
            }
        }

        return null;
    }

    /// <summary>
    /// Bytes the driver itself allocates per transition (its <see cref="WorkItemCompleted"/> event), so the
    /// reader can tell the engine's allocations from the harness's.
    /// </summary>
    public static double DriverBytesPerTransition()
    {
        const int Events = 1_000;
        var keep = new WorkItemCompleted[Events];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Events; i++)
        {
            keep[i] = new WorkItemCompleted { WorkItemId = "w1", ExitCode = i & 1, At = Epoch.AddSeconds(i) };
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Events;
    }

    public void Dispose() => _writer.Dispose();
}
