using System.Runtime.Versioning;
using TsOrchestrator.Agent.Journal;
using TsOrchestrator.Agent.TargetSystem;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Tests.TargetSystem;

[SupportedOSPlatform("linux")]
public sealed class AgentInstallerTests : IDisposable
{
    private readonly StepSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private static CheckpointRecord Finished() =>
        new() { RunId = "R1", WorkItemId = "w1", Path = "3/0", State = CheckpointState.Finished, Result = new WorkItemResult { ExitCode = 0 } };

    [Fact]
    public void Agent_goes_into_a_busybox_system_as_an_inittab_respawn_line()
    {
        var root = Path.Combine(_sandbox.Root, "target");
        AppliedSystem.Create(root, systemd: false);
        var binary = Path.Combine(_sandbox.Root, "tsorch-agent");
        File.WriteAllText(binary, "agent");

        AgentInstaller.Install(root, binary, _sandbox.Context(StepTypeIds.SetupOperatingSystem, []), Finished(), TimeProvider.System);

        var inittab = File.ReadAllText(Path.Combine(root, "etc/inittab"));
        inittab.ShouldStartWith("::sysinit:/etc/init.d/rcS\n");
        inittab.ShouldContain("::respawn:/usr/local/bin/tsorch-agent run --server http://127.0.0.1:9/ --state-dir /var/lib/tsorch-agent\n");
        File.Exists(Path.Combine(root, "etc/systemd/system/tsorch-agent.service")).ShouldBeFalse();
    }

    [Fact]
    public void Journal_mirrored_into_the_applied_system_gets_every_later_checkpoint_and_clear()
    {
        var running = new CheckpointJournal(Path.Combine(_sandbox.Root, "state"), TimeProvider.System);
        Directory.CreateDirectory(Path.Combine(_sandbox.Root, "state"));
        var target = Path.Combine(_sandbox.Root, "target-state");
        Directory.CreateDirectory(target);

        running.MirrorTo(target);
        running.Clear();
        running.Write(new CheckpointRecord { RunId = "R1", WorkItemId = "w2", Path = "3/1", State = CheckpointState.RestartRequested });

        var mirrored = new CheckpointJournal(target, TimeProvider.System).Load().Record;
        mirrored.ShouldNotBeNull();
        mirrored.WorkItemId.ShouldBe("w2");
        mirrored.State.ShouldBe(CheckpointState.RestartRequested);
        running.Clear();
        File.Exists(Path.Combine(target, "journal.json")).ShouldBeFalse();
    }

    [Fact]
    public void Path_through_an_absolute_link_of_the_applied_system_stays_inside_it()
    {
        var root = Path.Combine(_sandbox.Root, "target");
        AppliedSystem.Create(root);

        TargetPath.Resolve(root, "/lib/modules/x/updates").ShouldBe(Path.Combine(root, "usr/lib/modules/x/updates"));
        TargetPath.Resolve(root, "/../../etc/shadow").ShouldBe(Path.Combine(root, "etc/shadow"));
    }
}
