using System.Runtime.Versioning;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Tests.TargetSystem;

/// <summary>The prepare-for-capture steps generalize an applied system: what made it one machine is gone, the rest stays.</summary>
[SupportedOSPlatform("linux")]
public sealed class PrepareForCaptureHandlerTests : IDisposable
{
    private readonly StepSandbox _sandbox = new();
    private readonly string _root;

    public PrepareForCaptureHandlerTests()
    {
        _root = Path.Combine(_sandbox.Root, "reference");
        AppliedSystem.Create(_root);
        Write("etc/machine-id", "0123456789abcdef0123456789abcdef\n");
        Write("var/lib/dbus/machine-id", "0123456789abcdef0123456789abcdef\n");
        Write("etc/ssh/ssh_host_ed25519_key", "private");
        Write("etc/ssh/ssh_host_ed25519_key.pub", "public");
        Write("etc/ssh/sshd_config", "PermitRootLogin no\n");
        Write("usr/local/bin/tsorch-agent", "agent");
        Write("etc/tsorch-agent.env", "TSORCH_AGENT_SERVER=http://server:5000/\n");
        Write("var/lib/tsorch-agent/device.json", """{"deviceId":"DEV-REFERENCE","key":"secret"}""");
        Write("var/lib/tsorch-agent/journal.json", "{}");
        Write("var/lib/tsorch-agent/logs/step.log", "log");
        Write("var/lib/dhcp/dhclient.ens3.leases", "lease { }");
        Write("var/log/syslog", "reference machine's syslog\n");
        Write("var/log/syslog.1", "older");
        Write("var/log/apt/history.log.2.gz", "gz");
        Write("var/log/journal/abc/system.journal", "journal");
    }

    public void Dispose() => _sandbox.Dispose();

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_root, path))!);
        File.WriteAllText(Path.Combine(_root, path), text);
    }

    private bool Exists(string path) => File.Exists(Path.Combine(_root, path)) || Directory.Exists(Path.Combine(_root, path));

    private Task<Contracts.Agents.WorkItemResult> RunAsync(IStepHandler handler) =>
        handler.RunAsync(_sandbox.Context(handler.TypeId, [], new() { ["OSDTargetSystemDrive"] = _root }), CancellationToken.None);

    [Fact]
    public async Task Prepare_windows_for_capture_removes_machine_identity_host_keys_leases_agent_identity_and_log_contents()
    {
        (await RunAsync(new PrepareWindowsForCaptureHandler())).ExitCode.ShouldBe(0);

        File.ReadAllText(Path.Combine(_root, "etc/machine-id")).ShouldBeEmpty();
        Exists("var/lib/dbus/machine-id").ShouldBeFalse();
        Exists("etc/ssh/ssh_host_ed25519_key").ShouldBeFalse();
        Exists("etc/ssh/ssh_host_ed25519_key.pub").ShouldBeFalse();
        Exists("etc/ssh/sshd_config").ShouldBeTrue();
        Exists("var/lib/dhcp/dhclient.ens3.leases").ShouldBeFalse();
        Directory.EnumerateFileSystemEntries(Path.Combine(_root, "var/lib/tsorch-agent")).ShouldBeEmpty();
        Exists("usr/local/bin/tsorch-agent").ShouldBeTrue();
        File.ReadAllText(Path.Combine(_root, "var/log/syslog")).ShouldBeEmpty();
        Exists("var/log/syslog.1").ShouldBeFalse();
        Exists("var/log/apt/history.log.2.gz").ShouldBeFalse();
        Exists("var/log/journal/abc/system.journal").ShouldBeFalse();
        File.ReadAllText(Path.Combine(_root, "etc/hostname")).ShouldBe("image-builder\n");

        var log = File.ReadAllText(Path.Combine(_sandbox.Root, "logs", $"{StepTypeIds.PrepareWindowsForCapture}.log"));
        log.ShouldContain("/etc/machine-id (emptied)");
        log.ShouldContain("/etc/ssh/ssh_host_ed25519_key");
        log.ShouldContain("/var/lib/tsorch-agent/device.json");
        log.ShouldContain("/var/lib/dhcp/dhclient.ens3.leases");
        log.ShouldContain("/var/log/syslog (emptied)");
    }

    [Fact]
    public async Task Prepare_client_for_capture_removes_the_installed_agents_identity_and_keeps_the_agent()
    {
        (await RunAsync(new PrepareClientForCaptureHandler())).ExitCode.ShouldBe(0);

        Directory.EnumerateFileSystemEntries(Path.Combine(_root, "var/lib/tsorch-agent")).ShouldBeEmpty();
        Exists("usr/local/bin/tsorch-agent").ShouldBeTrue();
        File.ReadAllText(Path.Combine(_root, "etc/tsorch-agent.env")).ShouldContain("TSORCH_AGENT_SERVER=");
        File.ReadAllText(Path.Combine(_root, "etc/machine-id")).ShouldNotBeEmpty();
        File.ReadAllText(Path.Combine(_sandbox.Root, "logs", $"{StepTypeIds.PrepareConfigMgrClientForCapture}.log")).ShouldContain("/var/lib/tsorch-agent/device.json");
    }

    [Fact]
    public async Task Prepare_windows_for_capture_without_an_applied_system_fails_naming_OSDTargetSystemDrive_and_never_touches_the_running_system()
    {
        var context = _sandbox.Context(StepTypeIds.PrepareWindowsForCapture, []);

        var ex = await Should.ThrowAsync<StepFailedException>(() => new PrepareWindowsForCaptureHandler().RunAsync(context, CancellationToken.None));

        ex.Message.ShouldContain("OSDTargetSystemDrive");
    }
}
