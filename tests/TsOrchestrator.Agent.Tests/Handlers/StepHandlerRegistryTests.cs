using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Agent.UserState;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Tests.Handlers;

public sealed class StepHandlerRegistryTests
{
    [Theory]
    [InlineData(StepTypeIds.ApplyOperatingSystemImage, typeof(ApplyOperatingSystemImageHandler))]
    [InlineData(StepTypeIds.CaptureOperatingSystemImage, typeof(CaptureOperatingSystemImageHandler))]
    [InlineData(StepTypeIds.CaptureUserState, typeof(CaptureUserStateHandler))]
    [InlineData(StepTypeIds.RestoreUserState, typeof(RestoreUserStateHandler))]
    [InlineData(StepTypeIds.ApplyDataImage, typeof(ApplyDataImageHandler))]
    [InlineData(StepTypeIds.FormatAndPartitionDisk, typeof(FormatAndPartitionDiskHandler))]
    [InlineData(StepTypeIds.CheckReadiness, typeof(CheckReadinessHandler))]
    [InlineData(StepTypeIds.ApplyWindowsSettings, typeof(ApplyWindowsSettingsHandler))]
    [InlineData(StepTypeIds.ApplyNetworkSettings, typeof(ApplyNetworkSettingsHandler))]
    [InlineData(StepTypeIds.JoinDomainOrWorkgroup, typeof(JoinDomainOrWorkgroupHandler))]
    [InlineData(StepTypeIds.ApplyDriverPackage, typeof(ApplyDriverPackageHandler))]
    [InlineData(StepTypeIds.AutoApplyDrivers, typeof(AutoApplyDriversHandler))]
    [InlineData(StepTypeIds.SetupOperatingSystem, typeof(SetupOperatingSystemHandler))]
    public void Image_disk_readiness_user_state_and_configuration_steps_run_on_the_agent(string stepType, Type handler) =>
        StepHandlerRegistry.Default().Find(stepType).ShouldBeOfType(handler);

    [Theory]
    [InlineData(StepTypeIds.RequestStateStore, typeof(RequestStateStoreHandler))]
    [InlineData(StepTypeIds.ReleaseStateStore, typeof(ReleaseStateStoreHandler))]
    public void State_store_requests_run_on_an_agent_connected_to_a_state_migration_point(string stepType, Type handler)
    {
        using var log = new StringWriter();
        using var http = new HttpClient();
        var point = new StateMigrationPoint(null!, http, new TsOrchestrator.Agent.Connection.ServerChoice([new Uri("http://127.0.0.1:9/")], new AgentLog(log, TimeProvider.System)), Path.GetTempPath(), new AgentLog(log, TimeProvider.System));

        StepHandlerRegistry.Default(stateMigration: point).Find(stepType).ShouldBeOfType(handler);
    }
}
