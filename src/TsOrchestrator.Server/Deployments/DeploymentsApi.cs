using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Deployments;

/// <summary><c>/api/v1/deployments</c>: deploy a sequence to a collection, see run counts, remove.</summary>
public static class DeploymentsApi
{
    public static IEndpointRouteBuilder MapDeploymentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/deployments").WithTags("Deployments").RequireAuthorization(AdminPolicies.Read);

        group.MapGet("/", async (string? sequenceId, StoreContext store, CancellationToken cancellationToken) =>
        {
            var query = store.Deployments.AsNoTracking();
            query = sequenceId is null ? query : query.Where(d => d.SequenceId == sequenceId);
            var deployments = await query.OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
            var counts = await store.Runs.AsNoTracking().Where(r => r.DeploymentId != null)
                .GroupBy(r => new { r.DeploymentId, r.Status }).Select(g => new { g.Key.DeploymentId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
            return deployments.Select(d => Info(d, counts.Where(c => c.DeploymentId == d.Id).ToDictionary(c => c.Status, c => c.Count))).ToList();
        });

        group.MapPost("/", async (CreateDeploymentRequest request, StoreContext store, AuditLog audit, HighRiskVerification highRisk, TimeProvider clock, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            var sequence = await store.TaskSequences.AsNoTracking().ReferencedAsync(request.SequenceId, "sequenceId", "task sequence", cancellationToken);
            var collection = await store.Collections.AsNoTracking().ReferencedAsync(request.CollectionId, "collectionId", "collection", cancellationToken);
            var purpose = Parse<DeploymentPurpose>(request.Purpose ?? nameof(DeploymentPurpose.Available), "purpose");
            var availableTo = Parse<DeploymentAvailability>(request.AvailableTo ?? nameof(DeploymentAvailability.ClientsMediaAndPxe), "availableTo");
            var rerun = Parse<RerunBehavior>(request.Rerun ?? nameof(RerunBehavior.AlwaysRerun), "rerun");
            var recurrence = Parse<Recurrence>(request.AssignmentRecurrence ?? nameof(Recurrence.None), "assignmentRecurrence");
            var interval = request.AssignmentInterval ?? 1;
            if (interval is < 1 or > 365)
            {
                throw Problem.BadRequest("assignmentInterval", "an assignment recurs every 1 to 365 days or weeks");
            }

            if (purpose == DeploymentPurpose.Available && recurrence != Recurrence.None)
            {
                throw Problem.BadRequest("assignmentRecurrence", "only Required deployments have an assignment schedule");
            }
            if (request.ExpiresAt is { } expires && (request.AvailableAt ?? DateTimeOffset.MinValue) >= expires)
            {
                throw Problem.BadRequest("expiresAt", "a deployment expires after it becomes available");
            }

            if (purpose == DeploymentPurpose.Available && request.AssignmentAt is not null)
            {
                throw Problem.BadRequest("assignmentAt", "only Required deployments have an assignment schedule");
            }

            await DeployableContent.RequireAsync(store, sequence, cancellationToken);
            var confirmed = await highRisk.VerifyAsync(sequence, collection, purpose, request.ConfirmHighRisk, "collectionId", cancellationToken);
            var deployment = new DeploymentEntity
            {
                Id = "DEP" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
                SequenceId = sequence.Id,
                CollectionId = request.CollectionId!,
                Purpose = purpose,
                AvailableAt = request.AvailableAt,
                AssignmentAt = request.AssignmentAt,
                AssignmentRecurrence = recurrence,
                AssignmentInterval = interval,
                ExpiresAt = request.ExpiresAt,
                Rerun = rerun,
                Scopes = sequence.Scopes,
                AllowOutsideMaintenanceWindow = request.AllowOutsideMaintenanceWindow,
                AvailableTo = availableTo,
                CreatedAt = clock.GetUtcNow(),
            };
            store.Deployments.Add(deployment);
            audit.Record(Caller.From(http.User), "create", "Deployment", deployment.Id, null, deployment.ConcurrencyVersion, $"{sequence.Id} to {deployment.CollectionId}" + (confirmed is null ? "" : $"; {confirmed}"));
            await store.SaveChangesAsync(cancellationToken);
            return Results.Created($"/api/v1/deployments/{deployment.Id}", Info(deployment, []));
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapDelete("/{id}", async (string id, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
        {
            var deployment = await store.Deployments.FoundAsync(id, "Deployment", cancellationToken);
            if (deployment.PhasedDeploymentId is { } phased)
            {
                throw Problem.Conflict($"deployment '{id}' is phase {deployment.Phase} of phased deployment '{phased}': delete the phased deployment instead", "id");
            }

            store.Deployments.Remove(deployment);
            audit.Record(Caller.From(http.User), "delete", "Deployment", id, deployment.ConcurrencyVersion, null);
            await store.SaveChangesAsync(cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(AdminPolicies.Edit);

        return app;
    }

    internal static TEnum Parse<TEnum>(string text, string field)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw Problem.BadRequest(field, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}");

    internal static DeploymentInfo Info(DeploymentEntity d, Dictionary<string, int> counts) => new()
    {
        Id = d.Id, SequenceId = d.SequenceId, CollectionId = d.CollectionId, Purpose = d.Purpose.ToString(), AvailableAt = d.AvailableAt,
        AssignmentAt = d.AssignmentAt, AssignmentRecurrence = d.AssignmentRecurrence.ToString(), AssignmentInterval = d.AssignmentInterval, ExpiresAt = d.ExpiresAt, Rerun = d.Rerun.ToString(), AllowOutsideMaintenanceWindow = d.AllowOutsideMaintenanceWindow,
        AvailableTo = d.AvailableTo.ToString(), Enabled = d.Enabled, RunCounts = counts, PhasedDeploymentId = d.PhasedDeploymentId, Phase = d.Phase,
    };
}
