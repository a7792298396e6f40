using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server.Deployments;

/// <summary><c>/api/v1/deployments</c>: deploy a sequence to a collection, see run counts, change its properties, remove.</summary>
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
            var properties = DeploymentProperties.Read(request);
            await DeployableContent.RequireAsync(store, sequence, cancellationToken);
            var confirmed = await highRisk.VerifyAsync(sequence, collection, properties.Purpose, request.ConfirmHighRisk, "collectionId", cancellationToken);
            var deployment = new DeploymentEntity
            {
                Id = "DEP" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
                SequenceId = sequence.Id,
                CollectionId = request.CollectionId!,
                Scopes = sequence.Scopes,
                CreatedAt = clock.GetUtcNow(),
            };
            properties.ApplyTo(deployment);
            store.Deployments.Add(deployment);
            audit.Record(Caller.From(http.User), "create", "Deployment", deployment.Id, null, deployment.ConcurrencyVersion, $"{sequence.Id} to {deployment.CollectionId}" + (confirmed is null ? "" : $"; {confirmed}"));
            await store.SaveChangesAsync(cancellationToken);
            return Results.Created($"/api/v1/deployments/{deployment.Id}", Info(deployment, []));
        }).RequireAuthorization(AdminPolicies.Edit);

        group.MapGet("/{id}", async (string id, StoreContext store, HttpContext http, CancellationToken cancellationToken) =>
        {
            var deployment = await store.Deployments.AsNoTracking().FoundAsync(id, "Deployment", cancellationToken);
            var counts = await RunCountsAsync(store, id, cancellationToken);
            http.Response.Headers.ETag = ETags.Format(deployment.ConcurrencyVersion);
            return Info(deployment, counts);
        });

        // Configuration Manager's deployment Properties: schedule, purpose, rerun, user experience and who it is
        // available to change in place; the sequence and collection do not (that is a new deployment).
        group.MapPut("/{id}", async (string id, UpdateDeploymentRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, StoreContext store, AuditLog audit,
            HighRiskVerification highRisk, HttpContext http, CancellationToken cancellationToken) =>
        {
            var deployment = await store.Deployments.FoundAsync(id, "Deployment", cancellationToken);
            if (deployment.PhasedDeploymentId is { } phased)
            {
                throw Problem.Conflict($"deployment '{id}' is phase {deployment.Phase} of phased deployment '{phased}': its schedule is the phased deployment's", "id");
            }

            if (ifMatch is null)
            {
                throw Problem.PreconditionRequired("deployment");
            }

            if (ETags.Parse(ifMatch) != deployment.ConcurrencyVersion)
            {
                throw Problem.StaleVersion("Deployment", id, deployment.ConcurrencyVersion);
            }

            var properties = DeploymentProperties.Read(request);
            string? confirmed = null;
            if (deployment.Purpose != DeploymentPurpose.Required)
            {
                // Only turning it Required makes a deployment high-risk; a required one keeps the confirmation it was created with.
                var sequence = await store.TaskSequences.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().FirstAsync(s => s.Id == deployment.SequenceId, cancellationToken);
                var collection = await store.Collections.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().FirstAsync(c => c.Id == deployment.CollectionId, cancellationToken);
                confirmed = await highRisk.VerifyAsync(sequence, collection, properties.Purpose, request.ConfirmHighRisk, "purpose", cancellationToken);
            }

            var before = deployment.ConcurrencyVersion;
            properties.ApplyTo(deployment);
            deployment.ConcurrencyVersion++;
            audit.Record(Caller.From(http.User), "update", "Deployment", id, before, deployment.ConcurrencyVersion,
                $"{deployment.Purpose}, available to {deployment.AvailableTo}" + (confirmed is null ? "" : $"; {confirmed}"));
            await store.SaveChangesAsync(cancellationToken);
            http.Response.Headers.ETag = ETags.Format(deployment.ConcurrencyVersion);
            var counts = await RunCountsAsync(store, id, cancellationToken);
            return Info(deployment, counts);
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

    /// <summary>One deployment's runs by status, as the list counts them for every deployment.</summary>
    private static Task<Dictionary<string, int>> RunCountsAsync(StoreContext store, string deploymentId, CancellationToken cancellationToken) =>
        store.Runs.AsNoTracking().Where(r => r.DeploymentId == deploymentId).GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(c => c.Status, c => c.Count, cancellationToken);

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
        ConcurrencyVersion = d.ConcurrencyVersion,
    };
}
