using TsOrchestrator.Agent.Content;
using TsOrchestrator.Agent.Facts;
using TsOrchestrator.Agent.UserState;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>The handlers this agent has, by step type id; any other catalog type fails by name on this platform.</summary>
internal sealed class StepHandlerRegistry
{
    private readonly Dictionary<string, IStepHandler> _handlers;

    public StepHandlerRegistry(IEnumerable<IStepHandler> handlers)
    {
        _handlers = handlers.ToDictionary(h => h.TypeId, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Every handler this agent has; without <paramref name="content"/>, the steps that download content are left out,
    /// and without <paramref name="stateMigration"/> the state store requests.
    /// </summary>
    public static StepHandlerRegistry Default(ContentDownloader? content = null, StateMigrationPoint? stateMigration = null) => new(
    [
        .. content is null ? Array.Empty<IStepHandler>() : [new DownloadPackageContentHandler(content), new InstallPackageHandler(content)],
        .. stateMigration is null ? Array.Empty<IStepHandler>() : [new RequestStateStoreHandler(stateMigration), new ReleaseStateStoreHandler(stateMigration)],
        new ApplyDriverPackageHandler(content),
        new AutoApplyDriversHandler(),
        new RunCommandLineHandler(),
        new RunShellScriptHandler(),
        new RunPowerShellScriptHandler(),
        new SetDynamicVariablesHandler(),
        new ApplyOperatingSystemImageHandler(),
        new ApplyDataImageHandler(),
        new FormatAndPartitionDiskHandler(),
        new CheckReadinessHandler(),
        new CaptureOperatingSystemImageHandler(),
        new CaptureUserStateHandler(stateMigration),
        new RestoreUserStateHandler(stateMigration),
        new ApplyWindowsSettingsHandler(),
        new ApplyNetworkSettingsHandler(),
        new JoinDomainOrWorkgroupHandler(),
        new SetupOperatingSystemHandler(),
    ]);

    public IStepHandler Find(string? stepType)
    {
        if (stepType is not null && _handlers.TryGetValue(stepType, out var handler))
        {
            return handler;
        }

        var name = stepType is not null && StepCatalog.Find(stepType) is { } descriptor ? $"{descriptor.DisplayName} ({stepType})" : stepType ?? "(none)";
        throw new StepFailedException($"step type {name} is not supported on {DeviceFactsReader.OsPlatform}");
    }
}
