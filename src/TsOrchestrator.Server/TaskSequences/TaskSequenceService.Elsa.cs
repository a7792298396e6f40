using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Engine.Compilation;
using TsOrchestrator.Engine.Elsa;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;

namespace TsOrchestrator.Server.TaskSequences;

public sealed partial class TaskSequenceService
{
    /// <summary>
    /// A version (the latest when <paramref name="version"/> is null) compiled and written as an Elsa 3 workflow
    /// definition; the same version exports the same bytes while its child sequences stay as they are.
    /// </summary>
    public async Task<ElsaExport> ExportElsaAsync(string id, int? version, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await FindVisibleAsync(id, caller, cancellationToken);
        var number = version ?? entity.LatestVersion;
        var row = version is < 1 || number > entity.LatestVersion
            ? null
            : await store.TaskSequenceVersions.AsNoTracking().FirstOrDefaultAsync(v => v.SequenceId == entity.Id && v.Version == number, cancellationToken);
        if (row is null)
        {
            throw Problem.NotFound("Version", $"{entity.Id}/{number}");
        }

        var document = NativeFormat.Deserialize(row.Content, $"task sequence {entity.Id} version {number}");
        try
        {
            var bytes = ElsaWorkflowExporter.ExportToUtf8(document, new VisibleSequenceResolver(store),
                new ElsaExportOptions { CreatedAt = row.CreatedAt, IsLatest = number == entity.LatestVersion });
            return new ElsaExport($"{entity.Id}-v{number}.elsa.json", bytes);
        }
        catch (CompilationException e)
        {
            // A child sequence changed since this version was saved so that it now includes its parent.
            throw Problem.Conflict($"version {number} of task sequence '{entity.Id}' cannot be compiled: {e.Message}", "version");
        }
    }
}
