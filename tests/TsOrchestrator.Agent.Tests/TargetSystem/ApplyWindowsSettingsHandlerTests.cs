using System.Runtime.Versioning;
using System.Diagnostics;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Tests.TargetSystem;

[SupportedOSPlatform("linux")]
public sealed class ApplyWindowsSettingsHandlerTests : IDisposable
{
    private readonly StepSandbox _sandbox = new();
    private readonly string _root;

    public ApplyWindowsSettingsHandlerTests()
    {
        _root = Path.Combine(_sandbox.Root, "target");
        AppliedSystem.Create(_root);
    }

    public void Dispose() => _sandbox.Dispose();

    private Task<Contracts.Agents.WorkItemResult> RunAsync(Dictionary<string, string> settings, Dictionary<string, string>? variables = null)
    {
        variables ??= [];
        variables["OSDTargetSystemDrive"] = _root;
        return new ApplyWindowsSettingsHandler().RunAsync(_sandbox.Context(StepTypeIds.ApplyWindowsSettings, settings, variables), CancellationToken.None);
    }

    private string Read(string path) => File.ReadAllText(Path.Combine(_root, path));

    [Fact]
    public async Task Apply_windows_settings_writes_host_name_time_zone_and_locale_into_the_applied_system()
    {
        var result = await RunAsync(
            new() { ["TimeZone"] = "Eastern Standard Time", ["SystemLocale"] = "de-DE", ["RegisteredUserName"] = "User", ["RegisteredOrgName"] = "Org" },
            new() { ["OSDComputerName"] = "ws-0042" });

        result.ExitCode.ShouldBe(0);
        Read("etc/hostname").ShouldBe("ws-0042\n");
        Read("etc/hosts").ShouldContain("127.0.1.1\tws-0042");
        Read("etc/hosts").ShouldNotContain("image-builder");
        Read("etc/hosts").ShouldContain("127.0.0.1\tlocalhost");
        File.ResolveLinkTarget(Path.Combine(_root, "etc/localtime"), returnFinalTarget: false)!.FullName.ShouldBe("/usr/share/zoneinfo/America/New_York");
        Read("etc/timezone").ShouldBe("America/New_York\n");
        Read("etc/default/locale").ShouldBe("LANG=de_DE.UTF-8\n");
        File.ReadAllText(Path.Combine(_sandbox.Root, "logs", $"{StepTypeIds.ApplyWindowsSettings}.log")).ShouldContain("RegisteredOrgName has no meaning on Linux");
    }

    [Fact]
    public async Task Specified_administrator_password_is_stored_as_sha512_crypt_that_openssl_reproduces_and_is_never_logged()
    {
        const string Password = "Corr3ct horse battery staple!";
        await RunAsync(new() { ["AdminPasswordMode"] = "Specify", ["AdminPassword"] = Password });

        var rootLine = Read("etc/shadow").Split('\n').Single(l => l.StartsWith("root:", StringComparison.Ordinal));
        var hash = rootLine.Split(':')[1];
        hash.ShouldStartWith("$6$");
        var salt = hash.Split('$')[2];
        Openssl(salt, Password).ShouldBe(hash);
        Read("etc/shadow").ShouldContain("daemon:*:19000:0:99999:7:::");
        File.ReadAllText(Path.Combine(_sandbox.Root, "logs", $"{StepTypeIds.ApplyWindowsSettings}.log")).ShouldNotContain(Password);
    }

    [Theory]
    [InlineData("Random")]
    [InlineData("Disable")]
    public async Task Random_or_disabled_administrator_password_locks_root(string mode)
    {
        await RunAsync(new() { ["AdminPasswordMode"] = mode });

        var field = Read("etc/shadow").Split('\n').Single(l => l.StartsWith("root:", StringComparison.Ordinal)).Split(':')[1];
        field.ShouldStartWith("!");
    }

    [Fact]
    public async Task Unknown_time_zone_fails_naming_the_field_and_leaves_the_applied_system_as_it_was()
    {
        var ex = await Should.ThrowAsync<StepFailedException>(() => RunAsync(new() { ["TimeZone"] = "Atlantis Standard Time" }, new() { ["OSDComputerName"] = "ws-1" }));

        ex.Message.ShouldContain("TimeZone");
        Read("etc/hostname").ShouldBe("image-builder\n");
        Read("etc/shadow").ShouldContain("root:$6$old$oldhash:");
    }

    [Fact]
    public async Task Computer_name_that_is_no_host_name_fails_naming_the_variable()
    {
        var ex = await Should.ThrowAsync<StepFailedException>(() => RunAsync([], new() { ["OSDComputerName"] = "bad_name!" }));

        ex.Message.ShouldContain("OSDComputerName");
        Read("etc/hostname").ShouldBe("image-builder\n");
    }

    [Fact]
    public async Task Specify_without_a_password_fails_naming_AdminPassword()
    {
        var ex = await Should.ThrowAsync<StepFailedException>(() => RunAsync(new() { ["AdminPasswordMode"] = "Specify" }));

        ex.Message.ShouldContain("AdminPassword");
    }

    [Fact]
    public async Task Settings_without_an_applied_system_fail_naming_OSDTargetSystemDrive()
    {
        var context = _sandbox.Context(StepTypeIds.ApplyWindowsSettings, []);

        var ex = await Should.ThrowAsync<StepFailedException>(() => new ApplyWindowsSettingsHandler().RunAsync(context, CancellationToken.None));

        ex.Message.ShouldContain("OSDTargetSystemDrive");
    }

    private static string Openssl(string salt, string password)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "passwd", "-6", "-salt", salt, "-stdin" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.WriteLine(password);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }
}
