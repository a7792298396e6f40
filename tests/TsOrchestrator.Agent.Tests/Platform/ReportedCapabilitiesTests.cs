using TsOrchestrator.Agent.Content;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.Platform;
using TsOrchestrator.Agent.UserState;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Capabilities;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Tests.Platform;

/// <summary>
/// What each platform's agent reports (from the registry it runs with, content and state store steps included) equals the Domain
/// profile the server, validation and simulate judge it by: a handler added to one side only fails here.
/// </summary>
public sealed class ReportedCapabilitiesTests : IDisposable
{
    private readonly TsOrchestrator.Agent.Connection.AgentConnection _connection = new(new TsOrchestrator.Agent.Connection.ServerChoice([new Uri("http://127.0.0.1:9/")], new AgentLog(TextWriter.Null, TimeProvider.System)));

    public static TheoryData<string, string, AgentEnvironment> Platforms => new()
    {
        { "linux", CapabilityProfiles.LinuxName, AgentEnvironment.FullOs },
        { "linux", CapabilityProfiles.LinuxBootImageName, AgentEnvironment.BootImage },
        { "windows", CapabilityProfiles.WindowsName, AgentEnvironment.FullOs },
    };

    [Theory]
    [MemberData(nameof(Platforms))]
    public void Reported_capabilities_equal_the_domain_profile(string platformName, string profileName, AgentEnvironment environment)
    {
        IAgentPlatform platform = platformName == "windows" ? new WindowsAgentPlatform() : new LinuxAgentPlatform();
        var reported = Report(platform, environment);
        var profile = CapabilityProfiles.Find(profileName)!;

        reported.Platform.ShouldBe(profile.Platform);
        reported.Environment.ShouldBe(AgentEnvironments.Name(profile.Environment));
        reported.StepTypes.ShouldBe(profile.StepTypes.Order(StringComparer.Ordinal), ignoreOrder: false);
        reported.ConditionKinds.ShouldBe(profile.ConditionKinds.Order(StringComparer.Ordinal), ignoreOrder: false);
    }

    [Fact]
    public void Step_refused_in_the_boot_image_names_the_environment()
    {
        var registry = StepHandlerRegistry.For(new LinuxAgentPlatform(), AgentEnvironment.BootImage, Downloader(), StateMigration());

        Should.Throw<StepFailedException>(() => registry.Find(StepTypeIds.InstallPackage))
            .Message.ShouldBe("step type Install Package (InstallPackage) is not supported on linux boot-image");
        registry.Find(StepTypeIds.DownloadPackageContent).ShouldBeOfType<DownloadPackageContentHandler>();
    }

    [Fact]
    public void Refusal_of_the_agent_is_the_profiles_own_message()
    {
        var registry = StepHandlerRegistry.For(new LinuxAgentPlatform(), AgentEnvironment.FullOs, Downloader(), StateMigration());

        Should.Throw<StepFailedException>(() => registry.Find(StepTypeIds.EnableBitLocker))
            .Message.ShouldBe(CapabilityProfiles.Linux.Refusal(StepTypeIds.EnableBitLocker));
    }

    public void Dispose() => _connection.Dispose();

    private AgentCapabilities Report(IAgentPlatform platform, AgentEnvironment environment) =>
        AgentPlatforms.Capabilities(platform, environment, StepHandlerRegistry.For(platform, environment, Downloader(), StateMigration()));

    // The agent builds its registry with a downloader; none of its calls happen while the registry is only read.
    private ContentDownloader Downloader() =>
        new(_connection.Api, _connection.Content, Path.Combine(Path.GetTempPath(), "tsorch-caps-unused"), new AgentLog(TextWriter.Null, TimeProvider.System));

    // Likewise the state migration point the real agent always has.
    private StateMigrationPoint StateMigration() =>
        new(_connection.Api, _connection.Content, _connection.Servers, Path.Combine(Path.GetTempPath(), "tsorch-caps-unused"), new AgentLog(TextWriter.Null, TimeProvider.System));
}
