using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Deployments;

/// <summary>
/// "Why isn't it running?": the check-in's own decision (<see cref="DeploymentDecision"/>) for a device, as of now, by what
/// the device last reported; nothing is started or changed.
/// </summary>
public sealed class DeploymentExplainer(StoreContext store, DeploymentDecisions decisions, TimeProvider clock)
{
    private const int DevicesPerReason = 20;

    public async Task<DeviceDeploymentWhy> ExplainAsync(string deploymentId, string deviceId, CancellationToken cancellationToken)
    {
        var deployment = await store.Deployments.AsNoTracking().FoundAsync(deploymentId, "Deployment", cancellationToken);
        var device = await store.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deviceId, cancellationToken)
            ?? throw new ApiProblemException(StatusCodes.Status404NotFound, "Device not found",
                $"Device '{deviceId}' does not exist or is outside your security scopes", Problem.Field("device", "not a device of this site"));
        return await ExplainAsync(deployment.Id, device, cancellationToken);
    }

    public async Task<DeploymentWhySummary> SummarizeAsync(string deploymentId, CancellationToken cancellationToken)
    {
        var deployment = await store.Deployments.AsNoTracking().FoundAsync(deploymentId, "Deployment", cancellationToken);
        var targeted = new Dictionary<string, DeviceEntity>(StringComparer.Ordinal);
        if (await store.Collections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == deployment.CollectionId, cancellationToken) is { } collection)
        {
            foreach (var member in await CollectionMembership.MembersAsync(store, collection, cancellationToken))
            {
                targeted[member.Id] = member;
            }
        }

        // A device that ran it and has left the collection is still counted, as the deployment's status counts it.
        var ran = await store.Runs.AsNoTracking().Where(r => r.DeploymentId == deployment.Id).Select(r => r.DeviceId).Distinct().ToListAsync(cancellationToken);
        foreach (var device in await store.Devices.AsNoTracking().Where(d => ran.Contains(d.Id)).ToListAsync(cancellationToken))
        {
            targeted.TryAdd(device.Id, device);
        }

        var explained = new List<DeviceDeploymentWhy>(targeted.Count);
        foreach (var device in targeted.Values.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            explained.Add(await ExplainAsync(deployment.Id, device, cancellationToken));
        }

        return new DeploymentWhySummary
        {
            DeploymentId = deployment.Id,
            Targeted = explained.Count,
            Reasons = [.. explained.GroupBy(e => e.Reasons.Count == 0 ? WhyNotCodes.StartsAtNextCheckIn : e.Reasons[0].Code, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new WhyNotCount
                {
                    Code = g.Key, Devices = g.Count(),
                    Example = g.First().Reasons.Count == 0 ? g.First().When : $"{g.First().DeviceId}: {g.First().Reasons[0].Detail}",
                    DeviceIds = [.. g.Take(DevicesPerReason).Select(e => e.DeviceId)],
                })],
        };
    }

    private async Task<DeviceDeploymentWhy> ExplainAsync(string deploymentId, DeviceEntity device, CancellationToken cancellationToken)
    {
        var (state, candidates) = await decisions.LoadAsync(device, clock.GetUtcNow(), deploymentId, cancellationToken);
        var verdict = DeploymentDecision.Decide(state, candidates).First(v => v.Candidate.Deployment.Id == deploymentId);
        return new DeviceDeploymentWhy
        {
            DeploymentId = deploymentId, DeviceId = device.Id, DeviceName = device.Name, Offered = verdict.Offered, StartsAtNextCheckIn = verdict.Starts,
            Reasons = verdict.Reasons, RunsAt = verdict.RunsAt, When = verdict.When,
        };
    }
}
