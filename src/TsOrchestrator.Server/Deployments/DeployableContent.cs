using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Domain.Validation;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server.Deployments;

/// <summary>
/// A sequence is deployed only when every package, image and application its latest version names is on the site and
/// of the right kind: an imported sequence whose content has not come yet would otherwise fail on every device.
/// </summary>
internal static class DeployableContent
{
    public static async Task RequireAsync(StoreContext store, TaskSequenceEntity sequence, CancellationToken cancellationToken)
    {
        var version = await store.TaskSequenceVersions.AsNoTracking()
            .FirstAsync(v => v.SequenceId == sequence.Id && v.Version == sequence.LatestVersion, cancellationToken);
        var document = NativeFormat.Deserialize(version.Content, $"task sequence {sequence.Id} version {sequence.LatestVersion}");
        var result = SequenceValidator.ValidateReferences(ContentReferences.Of(document), await StoreContentResolver.LoadAsync(store, [document], cancellationToken));
        if (!result.IsValid)
        {
            throw Problem.Validation(ValidationErrors.Of(result),
                $"task sequence '{sequence.Name}' ({sequence.Id}) cannot be deployed: {string.Join("; ", result.Errors.Select(p => p.Message))}");
        }
    }
}
