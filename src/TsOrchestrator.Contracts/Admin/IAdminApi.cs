using Refit;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Contracts.Admin;

/// <summary>
/// The admin API as tools call it (<c>tsorch</c>): task sequences and runs so far. Every call carries an
/// admin API key (<c>Authorization: Bearer</c>); errors come back as RFC 9457 problem details.
/// </summary>
public interface IAdminApi
{
    [Get("/api/v1/task-sequences")]
    Task<IReadOnlyList<TaskSequenceSummary>> ListTaskSequencesAsync(string? folder = null, string? name = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/task-sequences/{id}")]
    Task<TaskSequenceDetails> GetTaskSequenceAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/task-sequences")]
    Task<TaskSequenceDetails> CreateTaskSequenceAsync([Body] CreateTaskSequenceRequest request, CancellationToken cancellationToken = default);

    [Get("/api/v1/task-sequences/{id}/versions/{version}")]
    Task<TaskSequence> GetTaskSequenceVersionAsync(string id, int version, CancellationToken cancellationToken = default);

    [Get("/api/v1/runs")]
    Task<IReadOnlyList<RunSummary>> ListRunsAsync(string? deploymentId = null, string? deviceId = null, string? status = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/runs/{id}")]
    Task<RunDetails> GetRunAsync(string id, CancellationToken cancellationToken = default);
}
