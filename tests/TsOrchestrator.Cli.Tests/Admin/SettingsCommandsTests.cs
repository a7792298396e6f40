using System.Net.Http.Headers;
using System.Text.Json;
using Refit;
using TsOrchestrator.Cli.Tests.Support;
using TsOrchestrator.Contracts.Admin;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Cli.Tests.Admin;

/// <summary>Issue 16 item 5: every operator setting from tsorch, each read back through the admin API.</summary>
public sealed class SettingsCommandsTests(SingleAttemptSite site) : IClassFixture<SingleAttemptSite>
{
    private const string AccessKey = "cli-settings-dp-access-key";

    private ServerProcess Server => site.Server;

    private Tsorch.Result Run(params string[] args) => Tsorch.Run([.. args, "--server", Server.Url, "--key", Server.Key]);

    private Tsorch.Result Ok(params string[] args)
    {
        var result = Run(args);
        result.ExitCode.ShouldBe(0, $"tsorch {string.Join(' ', args)}: {result.Error}");
        return result;
    }

    private static JsonElement Json(Tsorch.Result result) => JsonDocument.Parse(result.Output).RootElement;

    private IAdminApi Api()
    {
        var client = new HttpClient { BaseAddress = new Uri(Server.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.Key);
        return RestService.For<IAdminApi>(client, new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.Options) });
    }

    private string ImportSequence() => Ok("ts", "import", Path.Combine(Tsorch.TemplatesFolder, "user-state.tsq.json")).Output.Split(' ')[1];

    private string CreatePackage(TempFolder folder, string name)
    {
        Directory.CreateDirectory(folder.File(name));
        File.WriteAllText(folder.File($"{name}/setup.sh"), "echo install");
        return Ok("content", "create-package", name, folder.File(name), "--program", "Install=sh setup.sh").Output.Split(' ')[1];
    }

    [Fact]
    public async Task Set_properties_saves_the_next_version_and_the_api_reads_back_every_changed_tab()
    {
        using var folder = new TempFolder();
        var package = CreatePackage(folder, "first");
        var id = ImportSequence();
        Ok("ts", "lock", id);

        var saved = Json(Ok("ts", "set-properties", id, "--max-run-time", "90", "--run-first", $"{package}:Install", "--platform", "windows:10.0:x64",
            "--suppress-notifications", "true", "--restart-required", "true", "--high-performance-power-plan", "false", "--json"));

        saved.GetProperty("summary").GetProperty("version").GetInt32().ShouldBe(2);
        var properties = await Api().GetTaskSequencePropertiesAsync(id);
        properties.Advanced.MaximumRunTimeMinutes.ShouldBe(90);
        properties.Advanced.RunAnotherProgramFirst.ShouldNotBeNull().ProgramName.ShouldBe("Install");
        properties.Advanced.RunOnAnyPlatform.ShouldBeFalse();
        properties.Advanced.Platforms.Single().Architecture.ShouldBe("x64");
        properties.Advanced.SuppressNotifications.ShouldBeTrue();
        properties.SoftwareCenter.RestartRequired.ShouldBeTrue();
        properties.Performance.UseHighPerformancePowerPlan.ShouldBeFalse();
        properties.Name.ShouldBe("Capture and restore user state");
        var shown = Ok("ts", "properties", id).Output;
        shown.ShouldContain("maximum run time: 90 minutes");
        shown.ShouldContain($"run first: {package}:Install");
        shown.ShouldContain("platforms: windows:10.0:x64");
        Json(Ok("ts", "properties", id, "--json")).GetProperty("advanced").GetProperty("maximumRunTimeMinutes").GetInt32().ShouldBe(90);
    }

    [Fact]
    public async Task Set_properties_with_a_stale_if_match_is_the_servers_409_in_one_line_and_changes_nothing()
    {
        var id = ImportSequence();
        Ok("ts", "lock", id);
        var read = (await Api().GetTaskSequenceAsync(id)).ETag;
        Ok("ts", "set-properties", id, "--name", "Saved in between");

        var stale = Run("ts", "set-properties", id, "--name", "Lost update", "--if-match", read);

        stale.ExitCode.ShouldBe(1);
        stale.Error.ShouldStartWith("tsorch: 409 ");
        stale.Error.Trim().ShouldNotContain('\n');
        (await Api().GetTaskSequencePropertiesAsync(id)).Name.ShouldBe("Saved in between");
    }

    [Fact]
    public void Set_properties_refuses_a_run_first_program_without_its_package_before_asking_the_server()
    {
        var id = ImportSequence();

        var refused = Run("ts", "set-properties", id, "--run-first", "Install");

        refused.ExitCode.ShouldBe(1);
        refused.Error.Trim().ShouldBe("tsorch: --run-first 'Install': expected PACKAGE:PROGRAM or none");
    }

    [Fact]
    public async Task Set_properties_without_a_property_to_change_is_refused_and_saves_no_version()
    {
        var id = ImportSequence();
        Ok("ts", "lock", id);

        var refused = Run("ts", "set-properties", id);

        refused.ExitCode.ShouldBe(1);
        refused.Error.Trim().ShouldBe("tsorch: set-properties: give at least one property to change (see 'tsorch ts set-properties --help')");
        (await Api().GetTaskSequenceAsync(id)).Summary.Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_maintenance_window_is_added_in_utc_listed_and_removed()
    {
        var collection = Ok("collections", "create", "Window lab").Output.Split(' ')[1];

        var added = Json(Ok("collections", "maintenance-windows", "add", collection, "--name", "Saturday night", "--start", "2026-12-12T22:00", "--utc",
            "--duration", "180", "--recurrence", "weekly", "--type", "task-sequences", "--json"));

        var windowId = added.GetProperty("id").GetString()!;
        var stored = (await Api().ListMaintenanceWindowsAsync(collection)).Single();
        stored.Id.ShouldBe(windowId);
        stored.Start.ShouldBe(new DateTimeOffset(2026, 12, 12, 22, 0, 0, TimeSpan.Zero));
        stored.DurationMinutes.ShouldBe(180);
        stored.Recurrence.ShouldBe("Weekly");
        stored.TaskSequencesOnly.ShouldBeTrue();
        Ok("collections", "maintenance-windows", "list", collection).Output.ShouldContain($"{windowId}  2026-12-12 22:00");
        Json(Ok("collections", "maintenance-windows", "remove", collection, windowId, "--json")).GetArrayLength().ShouldBe(0);
        (await Api().ListMaintenanceWindowsAsync(collection)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_maintenance_window_too_long_is_refused_naming_the_field_and_not_stored()
    {
        var collection = Ok("collections", "create", "Window refusals").Output.Split(' ')[1];

        var refused = Run("collections", "maintenance-windows", "add", collection, "--name", "Too long", "--start", "2026-12-12T22:00+01:00", "--duration", "1441");

        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldStartWith("tsorch: 400 ");
        refused.Error.ShouldContain("(durationMinutes: a maintenance window lasts 1 to 1440 minutes)");
        (await Api().ListMaintenanceWindowsAsync(collection)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Device_variables_are_set_plain_and_secret_listed_without_the_secret_and_removed()
    {
        var device = await RegisterDeviceAsync();

        Json(Ok("devices", "set-variable", device, "OSDComputerName=LAB-01", "--json")).GetProperty("value").GetString().ShouldBe("LAB-01");
        Ok("devices", "set-variable", device, "JoinPassword=hunter2", "--secret").Output.Trim().ShouldBe($"set JoinPassword (secret) on {device}");

        var stored = await Api().ListDeviceVariablesAsync(device);
        stored.Single(v => v.Name == "OSDComputerName").Value.ShouldBe("LAB-01");
        stored.Single(v => v.Name == "JoinPassword").Value.ShouldBeNull();
        var listed = Ok("devices", "variables", device).Output;
        listed.ShouldContain("JoinPassword     (secret)");
        listed.ShouldNotContain("hunter2");
        Json(Ok("devices", "remove-variable", device, "JoinPassword", "--json")).GetArrayLength().ShouldBe(1);
        (await Api().ListDeviceVariablesAsync(device)).ShouldNotContain(v => v.Name == "JoinPassword");
        var gone = Run("devices", "remove-variable", device, "JoinPassword");
        gone.ExitCode.ShouldBe(1);
        gone.Error.Trim().ShouldStartWith("tsorch: 404 ");
        gone.Error.ShouldContain("JoinPassword");
        var refused = Run("devices", "set-variable", device, "_SMSTSLogPath=x");
        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("(name: '_SMSTSLogPath' is not a variable name a user may set");
    }

    [Fact]
    public async Task Distribution_points_and_groups_are_added_grouped_assigned_and_removed_again()
    {
        var collection = Ok("collections", "create", "Branch office").Output.Split(' ')[1];

        var point = Json(Ok("distribution-points", "add", "branch-dp", "--url", "http://127.0.0.1:9", "--access-key", AccessKey, "--json")).GetProperty("id").GetString()!;
        var group = Json(Ok("dp-groups", "create", "Branch DPs", "--json")).GetProperty("id").GetString()!;
        Json(Ok("dp-groups", "add-member", group, point, "--json")).GetProperty("distributionPointIds")[0].GetString().ShouldBe(point);
        Ok("dp-groups", "assign", group, collection).Output.Trim().ShouldBe($"{group} 'Branch DPs': members {point}; collections {collection}");

        var stored = (await Api().ListDistributionPointGroupsAsync()).Single(g => g.Id == group);
        stored.DistributionPointIds.ShouldBe([point]);
        stored.CollectionIds.ShouldBe([collection]);
        Ok("dps", "list").Output.ShouldContain($"{point}  http://127.0.0.1:9/  {group}  branch-dp");
        var duplicate = Run("dp-groups", "create", "Branch DPs");
        duplicate.ExitCode.ShouldBe(1);
        duplicate.Error.Trim().ShouldStartWith("tsorch: 409 ");
        duplicate.Error.Trim().ShouldNotContain('\n');

        Ok("dp-groups", "unassign", group, collection).Output.Trim().ShouldBe($"{group} 'Branch DPs': members {point}; collections none");
        Json(Ok("dp-groups", "remove-member", group, point, "--json")).GetProperty("distributionPointIds").GetArrayLength().ShouldBe(0);
        Ok("dp-groups", "delete", group).Output.Trim().ShouldBe($"deleted {group}");
        (await Api().ListDistributionPointGroupsAsync()).ShouldNotContain(g => g.Id == group);
        Ok("distribution-points", "remove", point).Output.Trim().ShouldBe($"removed {point}");
        (await Api().ListDistributionPointsAsync()).ShouldNotContain(d => d.Id == point);
    }

    [Fact]
    public async Task A_distribution_point_with_a_short_access_key_is_refused_naming_the_field()
    {
        var refused = Run("distribution-points", "add", "weak-dp", "--url", "http://127.0.0.1:9", "--access-key", "short");

        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("(accessKey: give the DP's DistributionPoint:AccessKey (at least 16 characters))");
        (await Api().ListDistributionPointsAsync()).ShouldNotContain(d => d.Name == "weak-dp");
    }

    [Fact]
    public void Distribute_wait_returns_when_the_site_server_holds_the_package()
    {
        using var folder = new TempFolder();
        var package = CreatePackage(folder, "waited");

        var waited = Run("content", "distribute", package, "--package", "--wait", "--json");

        waited.ExitCode.ShouldBe(0, waited.Error + Server.Log);
        waited.Error.ShouldBeEmpty();
        var status = Json(waited).EnumerateArray().Single(s => s.GetProperty("packageId").GetString() == package);
        status.GetProperty("status").GetString().ShouldBe("Success");
    }

    [Fact]
    public void Distribute_wait_to_a_dp_that_fails_exits_1_naming_the_dp_and_its_message()
    {
        using var folder = new TempFolder();
        var package = CreatePackage(folder, "unreachable");
        var point = Ok("distribution-points", "add", "dead-dp", "--url", "http://127.0.0.1:9", "--access-key", AccessKey).Output.Split(' ')[1];

        var waited = Run("content", "distribute", package, "--package", "--dp", point, "--wait");

        waited.ExitCode.ShouldBe(1);
        waited.Error.ShouldStartWith($"tsorch: distribution failed on {point} 'dead-dp': {package} version 1: ");
        waited.Error.Trim().ShouldNotContain('\n');
    }

    private async Task<string> RegisterDeviceAsync()
    {
        var client = new HttpClient { BaseAddress = new Uri(Server.Url) };
        var agent = RestService.For<IAgentApi>(client, new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(JsonSerializerOptions.Web) });
        var registered = await agent.RegisterAsync(new RegisterDeviceRequest
        {
            EnrollmentToken = ServerProcess.EnrollmentToken,
            Facts = new DeviceFacts { Hostname = "LAB-PC-07", Os = "windows", OsVersion = "10.0.22631", Architecture = "x64", FreeDiskMb = 100_000 },
        });
        return registered.DeviceId;
    }
}
