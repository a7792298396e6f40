using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Engine.Serialization;
using TsOrchestrator.Server.StepSecrets;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Runs;

/// <summary>
/// What the audit says of a resume: where it resumed and every variable the operator edited, so that a run that went
/// on differently after a resume can be traced to the edit. A secret's value is masked: an edit to a name that is one
/// of the device's secret variables, or that holds a protected value in the run (a secret a step set), is a secret.
/// </summary>
internal static class ResumeAudit
{
    public const string Mask = "********";

    public static string Describe(ResumeRunRequest request, IReadOnlySet<string> secrets)
    {
        var at = request.FromPath is null ? "at the failed step" : $"at {request.FromPath}";
        if (request.VariableEdits is not { Count: > 0 } edits)
        {
            return at;
        }

        var listed = edits.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase)
            .Select(e => $"{e.Key}={(secrets.Contains(e.Key) ? Mask : e.Value)}");
        return $"{at}; variables edited: {string.Join(", ", listed)}";
    }

    /// <summary>The names an edit of the run is a secret under: the device's secret variables and those holding a sealed value in the run.</summary>
    public static async Task<HashSet<string>> SecretNamesAsync(RunEntity run, StoreContext store, RunVariables variables, CancellationToken cancellationToken)
    {
        var state = RunStateSerializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(run.State));
        var names = state.Variables.Where(v => v.Value.StartsWith(StepSecretProtector.Prefix, StringComparison.Ordinal)).Select(v => v.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (await store.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == run.DeviceId, cancellationToken) is { } device)
        {
            var launchedFromBootMedia = state.Variables.TryGetValue(RunVariables.LaunchModeVariable, out var mode) && mode == RunVariables.BootMediaLaunchMode;
            names.UnionWith((await variables.SecretsForDeviceAsync(device, launchedFromBootMedia, cancellationToken)).Keys);
        }

        return names;
    }
}
