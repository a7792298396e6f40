using System.Text.Json;
using Refit;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary><c>tsorch phased ...</c> and <c>deployments create --confirm-high-risk</c> against a site whose high-risk default size is 1.</summary>
public sealed class PhasedCommandsTests(ConfirmingSite site) : IClassFixture<ConfirmingSite>
{
    private Tsorch.Result Tsorch(params string[] args) => Support.Tsorch.Run([.. args, "--server", site.Server.Url, "--key", site.Server.Key]);

    private Tsorch.Result Run(params string[] args)
    {
        var result = Tsorch(args);
        result.ExitCode.ShouldBe(0, $"tsorch {string.Join(' ', args)}: {result.Error}");
        return result;
    }

    [Fact]
    public async Task Phased_deployment_is_created_shown_suspended_resumed_and_moved_on_with_tsorch()
    {
        var pilot = Run("collections", "create", "Pilot").Output.Split(' ')[1];
        var broad = Run("collections", "create", "Broad").Output.Split(' ')[1];
        Run("collections", "add-member", pilot, await RegisterDeviceAsync("PILOT-01"));
        Run("collections", "add-member", broad, await RegisterDeviceAsync("BROAD-01"));
        Run("collections", "add-member", broad, await RegisterDeviceAsync("BROAD-02"));
        // The install-os template applies an OS image: high-impact by its steps. A deployment refuses content the site lacks
        // (issue 13), so the template's placeholder packages become variables, which are only known at run time.
        using var folder = new Support.TempFolder();
        var template = File.ReadAllText(Path.Combine(Support.Tsorch.TemplatesFolder, "install-os.tsq.json"));
        var file = folder.Write("install-os.tsq.json", System.Text.RegularExpressions.Regex.Replace(template, "\"PKG0000([1-9])\"", "\"%Package$1%\""));
        var sequenceId = Run("ts", "import", file).Output.Split(' ')[1];

        var refused = Tsorch("deployments", "create", "--sequence", sequenceId, "--collection", broad, "--purpose", "Required");
        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("confirmHighRisk");
        Run("deployments", "create", "--sequence", sequenceId, "--collection", broad, "--purpose", "Required", "--confirm-high-risk").Output.ShouldContain("Required");

        Tsorch("phased", "create", "--sequence", sequenceId, "--phase", $"{pilot},begin=Manual", "--phase", broad).Error.ShouldContain("confirmHighRisk");
        var created = Run("phased", "create", "--sequence", sequenceId, "--phase", $"{pilot},begin=Manual,deadline=0,success=90", "--phase", $"{broad},gradual=2",
            "--halt-failure-percent", "20", "--confirm-high-risk").Output;
        var id = created.Split(' ')[1].TrimEnd(':');
        created.ShouldContain("in 2 phases, phase 1 began as DEP");

        Run("phased", "list").Output.ShouldContain($"{id}  ");
        var shown = Run("phased", "show", id).Output;
        shown.ShouldContain("Active, phase 1 of 2, halts above 20% failed");
        shown.ShouldContain($"phase 1  {pilot}  Required  DEP");
        shown.ShouldContain("criteria 90%, next Manual, deadline as soon as possible");
        shown.ShouldContain($"phase 2  {broad}  Required  not begun");
        Run("phased", "suspend", id).Output.ShouldContain("Suspended, phase 1 of 2, halts above 20% failed; suspended by ");
        Tsorch("phased", "next", id).Error.ShouldContain("resume it first");
        Run("phased", "resume", id).Output.ShouldContain("Active, phase 1 of 2");
        Run("phased", "next", id).Output.ShouldContain("Active, phase 2 of 2");
        var json = JsonDocument.Parse(Run("phased", "show", id, "--json").Output).RootElement;
        json.GetProperty("phases")[1].GetProperty("batches").GetArrayLength().ShouldBe(2);
        Run("phased", "delete", id).Output.ShouldBe($"deleted {id}\n");
        Run("phased", "list").Output.ShouldNotContain(id);
    }

    [Fact]
    public void Phase_with_an_unknown_setting_is_refused_naming_it()
    {
        var result = Tsorch("phased", "create", "--sequence", "TS1", "--phase", "C1,colour=red", "--phase", "C2");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("unknown setting 'colour'");
    }

    private async Task<string> RegisterDeviceAsync(string hostname)
    {
        var client = new HttpClient { BaseAddress = new Uri(site.Server.Url) };
        var agent = RestService.For<IAgentApi>(client, new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(JsonSerializerOptions.Web) });
        var registered = await agent.RegisterAsync(new RegisterDeviceRequest
        {
            EnrollmentToken = ServerProcess.EnrollmentToken,
            Facts = new DeviceFacts { Hostname = hostname, Os = "windows", OsVersion = "10.0.22631", Architecture = "x64", FreeDiskMb = 100_000 },
        });
        return registered.DeviceId;
    }
}
