using System.Reflection;
using System.Text.Json;
using Refit;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Serialization;
using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Agent.Tests.Connection;

/// <summary>
/// The agent's generated JSON (<see cref="ContractJson.AgentOptions"/>) against the reflection-based options the server
/// and the CLI use: same bytes both ways, and metadata for every body of the agent API, so a compiled agent never
/// meets a type it cannot serialise.
/// </summary>
public sealed class AgentApiJsonTests
{
    private static readonly AgentWorkItem ConditionWorkItem = new()
    {
        Id = "w7",
        Kind = "Condition",
        Path = "0/3",
        Name = "Only on laptops",
        Settings = new Dictionary<string, string> { ["b"] = "2", ["A"] = "1" },
        SuccessCodes = [0, 3010],
        TimeoutMinutes = 5,
        Attempt = 2,
        Variables = new Dictionary<string, string> { ["OSDComputerName"] = "PC1" },
        Condition = IfStatement.AllOf(
            new VariableCondition { Variable = "OSDComputerName", Operator = ConditionOperator.Like, Value = "PC*" },
            IfStatement.NoneOf(
                new OsVersionCondition { Platform = "x64", Operator = ConditionOperator.GreaterEqual, Version = "10.0" },
                new OsLanguageCondition { Language = "1033", Operator = ConditionOperator.NotEquals },
                new FileCondition { Path = "/etc/hostname", Version = "1.2", Timestamp = DateTimeOffset.UnixEpoch, TimestampOperator = ConditionOperator.Less },
                new FolderCondition { Path = "/opt" },
                new RegistryCondition { KeyPath = @"HKLM\SOFTWARE\X", ValueName = "V", Data = "1" },
                new WmiQueryCondition { Query = "SELECT * FROM Win32_Battery", IgnoreQueryFailure = true },
                new InstalledSoftwareCondition { ProductCode = "{1}", AnyVersion = true })),
    };

    [Fact]
    public void Every_body_of_the_agent_api_has_generated_metadata()
    {
        var types = typeof(IAgentApi).GetMethods().Concat(typeof(IAgentChannelApi).GetMethods())
            .SelectMany(static m => m.GetParameters().Where(static p => p.GetCustomAttribute<BodyAttribute>() is not null).Select(static p => p.ParameterType)
                .Append(m.ReturnType.IsGenericType ? m.ReturnType.GetGenericArguments()[0] : typeof(void)))
            .Where(static t => t != typeof(void))
            .Distinct()
            .ToList();

        types.Count.ShouldBeGreaterThan(5);
        foreach (var type in types)
        {
            ContractJson.AgentOptions.TryGetTypeInfo(type, out _).ShouldBeTrue($"{type.Name} is on IAgentApi but not in AgentApiJsonContext");
        }
    }

    [Fact]
    public void Fast_channel_notification_reads_and_writes_as_the_server_writes_it()
    {
        var notice = new AgentNotification { Reasons = [AgentNotificationReasons.RunResumed], RunIds = ["R1"] };
        var server = JsonSerializer.Serialize(notice, ContractJson.Options);

        var read = JsonSerializer.Deserialize<AgentNotification>(server, ContractJson.AgentOptions)!;

        server.ShouldBe("""{"reasons":["RunResumed"],"runIds":["R1"]}""");
        JsonSerializer.Serialize(read, ContractJson.AgentOptions).ShouldBe(server);
    }

    [Fact]
    public void Work_item_with_every_kind_of_condition_reads_and_writes_as_the_server_writes_it()
    {
        var status = new AgentRunStatus { RunId = "R1", Status = "Running", WorkItem = ConditionWorkItem };
        var server = JsonSerializer.Serialize(status, ContractJson.Options);

        var read = JsonSerializer.Deserialize<AgentRunStatus>(server, ContractJson.AgentOptions)!;

        read.WorkItem!.Condition.ShouldBeOfType<IfStatement>().Conditions[1].ShouldBeOfType<IfStatement>().Conditions.Count.ShouldBe(7);
        read.WorkItem.Settings["a"].ShouldBe("1", "maps read case-insensitively, as the native format's converter does");
        JsonSerializer.Serialize(read, ContractJson.AgentOptions).ShouldBe(server);
        server.ShouldContain("\"operator\":\"like\"");
        server.ShouldContain("\"type\":\"osVersion\"");
    }

    [Fact]
    public void Condition_discriminator_may_come_after_the_other_properties()
    {
        const string json = """{"variable":"X","operator":"equals","value":"1","type":"variable"}""";

        var condition = JsonSerializer.Deserialize<Condition>(json, ContractJson.AgentOptions);

        condition.ShouldBe(new VariableCondition { Variable = "X", Operator = ConditionOperator.Equals, Value = "1" });
    }

    [Fact]
    public void Bodies_the_agent_sends_are_the_bytes_the_reflection_options_write()
    {
        object[] bodies =
        [
            new RegisterDeviceRequest { EnrollmentToken = "t", Facts = new DeviceFacts { Hostname = "h", Os = "linux", OsVersion = "6.1", Architecture = "x64", FreeDiskMb = 10 } },
            new WorkItemResult { ExitCode = 3010, Succeeded = true, Variables = new Dictionary<string, string> { ["Z"] = "1", ["a"] = "2" } },
            new ConditionResult { Result = false, Error = "no WMI here" },
            new StepLogChunk { Offset = 12, Text = "line\n" },
            new RestartReport { Expected = true },
        ];

        foreach (var body in bodies)
        {
            JsonSerializer.Serialize(body, body.GetType(), ContractJson.AgentOptions).ShouldBe(JsonSerializer.Serialize(body, body.GetType(), ContractJson.Options));
        }
    }

    [Fact]
    public void Content_location_reads_its_package_type_by_name()
    {
        var location = new ContentLocation
        {
            PackageId = "P1", Name = "Image", Type = PackageType.OsImage, Version = 3,
            Files = [new ContentFile { Path = "a/b.wim", Size = 5, Hash = "ab" }],
            Programs = [new PackageProgram { Name = "Install", CommandLine = "setup.sh" }],
            DistributionPoints = [new ContentSource { DistributionPointId = "DP1", Url = "http://dp" }],
        };
        var server = JsonSerializer.Serialize(location, ContractJson.Options);

        var read = JsonSerializer.Deserialize<ContentLocation>(server, ContractJson.AgentOptions)!;

        server.ShouldContain("\"type\":\"OsImage\"");
        read.Type.ShouldBe(PackageType.OsImage);
        JsonSerializer.Serialize(read, ContractJson.AgentOptions).ShouldBe(server);
    }
}
