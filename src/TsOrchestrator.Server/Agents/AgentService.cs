using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Validation;
using TsOrchestrator.Engine.Running;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Deployments;
using TsOrchestrator.Server.MaintenanceWindows;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server.Agents;

/// <summary>Registration, check-in and starting deployments, as agents ask for them.</summary>
public sealed class AgentService(StoreContext store, RunRuntime runtime, SequenceVersionCache versions, IOptions<AgentOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan LastCheckInResolution = TimeSpan.FromMinutes(1);
    private static readonly string[] ActiveStatuses = [nameof(RunStatus.NotStarted), nameof(RunStatus.Running)];

    public async Task<RegisterDeviceResponse> RegisterAsync(RegisterDeviceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = options.Value.EnrollmentToken;
        if (token.Length == 0 || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(token), System.Text.Encoding.UTF8.GetBytes(request.EnrollmentToken ?? "")))
        {
            throw new ApiProblemException(StatusCodes.Status401Unauthorized, "Enrollment refused", "the enrollment token is not this site's",
                Problem.Field("enrollmentToken", "not valid"));
        }

        CheckFacts(request.Facts);
        return await AddDeviceAsync(request.Facts, unknownComputer: false, cancellationToken);
    }

    /// <summary>
    /// An unknown computer's first contact (Configuration Manager's unknown computer support): no token, because a
    /// boot image carries no secret. The device it becomes is marked unknown, so it reaches only collections whose
    /// rule selects unknown computers (and what an administrator later adds it to), and only deployments made
    /// available to media and PXE while it runs the boot image.
    /// </summary>
    public async Task<RegisterDeviceResponse> RegisterUnknownComputerAsync(RegisterUnknownComputerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!options.Value.UnknownComputerSupport)
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "Unknown computers refused",
                "this site does not support unknown computers (Agents:UnknownComputerSupport): register with the enrollment token");
        }

        CheckFacts(request.Facts);
        if (!request.Facts.InBootMedia)
        {
            throw Problem.BadRequest("facts.inBootMedia", "only a computer running the boot image (network or boot media) registers as an unknown computer");
        }

        return await AddDeviceAsync(request.Facts, unknownComputer: true, cancellationToken);
    }

    private async Task<RegisterDeviceResponse> AddDeviceAsync(DeviceFacts facts, bool unknownComputer, CancellationToken cancellationToken)
    {
        var key = ApiKeys.NewKey();
        var device = new DeviceEntity
        {
            Id = "DEV" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
            Name = facts.Hostname,
            KeyHash = ApiKeys.Hash(key),
            RegisteredAt = clock.GetUtcNow(),
            UnknownComputer = unknownComputer,
        };
        // Registering is the device's first contact: its first check-in, a moment later, then has nothing new to write.
        device.LastCheckIn = device.RegisteredAt;
        Apply(device, facts);
        store.Devices.Add(device);
        await store.SaveChangesAsync(cancellationToken);
        return new RegisterDeviceResponse { DeviceId = device.Id, DeviceKey = key };
    }

    public async Task<CheckInResponse> CheckInAsync(string deviceId, CheckInRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckFacts(request.Facts);
        var device = await store.Devices.FirstAsync(d => d.Id == deviceId, cancellationToken);
        Apply(device, request.Facts);
        var now = clock.GetUtcNow();
        // A device that calls in again within the minute with the same facts changes nothing worth a durable
        // write; a fleet's check-ins after restarts would otherwise queue for SQLite's one write lock.
        if (store.ChangeTracker.HasChanges() || device.LastCheckIn is not { } last || now - last >= LastCheckInResolution)
        {
            device.LastCheckIn = now;
            await store.SaveChangesAsync(cancellationToken);
        }

        var offers = new List<DeploymentOffer>();
        var active = await ActiveRunAsync(device.Id, cancellationToken);
        var collections = await CollectionsOfAsync(device, cancellationToken);
        var windows = await WindowsOfAsync(collections, cancellationToken);
        var applicable = await ApplicableAsync(device, collections, now, cancellationToken);
        // One read of this device's runs of every required deployment offered: whether each is due, and whether it is
        // already run (then it is offered but not announced as new software again).
        var required = applicable.Where(a => a.Deployment.Purpose == DeploymentPurpose.Required).Select(a => a.Deployment.Id).ToList();
        List<(string? DeploymentId, string Status, DateTimeOffset CreatedAt)> runs = required.Count == 0 ? [] :
            [.. (await store.Runs.AsNoTracking().Where(r => r.DeviceId == device.Id && required.Contains(r.DeploymentId!))
                .Select(r => new { r.DeploymentId, r.Status, r.CreatedAt }).ToListAsync(cancellationToken)).Select(r => (r.DeploymentId, r.Status, r.CreatedAt))];
        foreach (var (deployment, sequence, entity) in applicable)
        {
            var previous = runs.Where(r => r.DeploymentId == deployment.Id).Select(r => (r.Status, r.CreatedAt)).ToList();
            var due = DeploymentApplicability.ShouldStart(deployment, previous, now);
            offers.Add(Offer(deployment, sequence, entity.HighImpact) with
            {
                AlreadyRun = deployment.Purpose == DeploymentPurpose.Required && previous.Count > 0 && !due,
            });
            if (active is null && due &&
                (deployment.AllowOutsideMaintenanceWindow || device.InBootMedia ||
                 MaintenanceWindowSchedule.AllowsStart(windows, sequence.Advanced.MaximumRunTimeMinutes, now)) &&
                // A sequence with a step this agent would refuse is not started here: the deployment's status says why.
                DeviceCapabilityJudge.StepsThatCannotRun(sequence, device).Count == 0)
            {
                active = (await runtime.StartAsync(sequence.Id, device, deployment.Id, cancellationToken)).Id;
            }
        }

        return new CheckInResponse { Offers = offers, ActiveRunId = active };
    }

    public async Task<StartRunResponse> StartAsync(string deviceId, string deploymentId, CancellationToken cancellationToken)
    {
        var device = await store.Devices.AsNoTracking().FirstAsync(d => d.Id == deviceId, cancellationToken);
        var now = clock.GetUtcNow();
        var collections = await CollectionsOfAsync(device, cancellationToken);
        var applicable = (await ApplicableAsync(device, collections, now, cancellationToken)).FirstOrDefault(a => a.Deployment.Id == deploymentId);
        if (applicable.Deployment is null)
        {
            throw Problem.NotFound("Deployment", deploymentId);
        }

        if (DeviceCapabilityJudge.Reason(DeviceCapabilityJudge.StepsThatCannotRun(applicable.Sequence, device)) is { } reason)
        {
            throw Problem.Conflict($"this device {reason}");
        }

        if (await ActiveRunAsync(device.Id, cancellationToken) is { } running)
        {
            throw Problem.Conflict($"the device is already running {running}: one run at a time");
        }

        var run = await runtime.StartAsync(applicable.Sequence.Id, device, deploymentId, cancellationToken);
        return new StartRunResponse { RunId = run.Id };
    }

    private async Task<List<string>> CollectionsOfAsync(DeviceEntity device, CancellationToken cancellationToken) =>
        [.. (await CollectionMembership.OfDeviceAsync(store, device, cancellationToken)).Select(c => c.Id)];

    /// <summary>The maintenance windows of the collections the device is in.</summary>
    private async Task<List<MaintenanceWindowEntity>> WindowsOfAsync(List<string> collections, CancellationToken cancellationToken) =>
        await store.MaintenanceWindows.AsNoTracking().Where(w => collections.Contains(w.CollectionId)).ToListAsync(cancellationToken);

    private async Task<string?> ActiveRunAsync(string deviceId, CancellationToken cancellationToken) =>
        await store.Runs.AsNoTracking().Where(r => r.DeviceId == deviceId && ActiveStatuses.Contains(r.Status))
            .OrderBy(r => r.CreatedAt).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    private async Task<List<(DeploymentEntity Deployment, Domain.Sequences.TaskSequence Sequence, TaskSequenceEntity Entity)>> ApplicableAsync(
        DeviceEntity device, List<string> collections, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deployments = await store.Deployments.AsNoTracking().Where(d => collections.Contains(d.CollectionId)).OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
        await ApplyBatchesAsync(deployments, device.Id, cancellationToken);
        var result = new List<(DeploymentEntity, Domain.Sequences.TaskSequence, TaskSequenceEntity)>();
        foreach (var deployment in deployments)
        {
            var entity = await store.TaskSequences.AsNoTracking().FirstOrDefaultAsync(s => s.Id == deployment.SequenceId, cancellationToken);
            if (entity is null)
            {
                continue;
            }

            var sequence = await versions.LatestAsync(store, entity, cancellationToken);
            if (DeploymentApplicability.IsOffered(deployment, sequence, device, now))
            {
                result.Add((deployment, sequence, entity));
            }
        }

        return result;
    }

    /// <summary>
    /// A phase of a phased deployment reaches each device with its batch's times (gradual rollout); the
    /// deployments are untracked copies, so the device's times replace the deployment's for this call only.
    /// </summary>
    private async Task ApplyBatchesAsync(List<DeploymentEntity> deployments, string deviceId, CancellationToken cancellationToken)
    {
        var phased = deployments.Where(d => d.PhasedDeploymentId is not null).Select(d => d.Id).ToList();
        if (phased.Count == 0)
        {
            return;
        }

        var batches = await store.DeploymentBatches.AsNoTracking().Where(b => b.DeviceId == deviceId && phased.Contains(b.DeploymentId)).ToListAsync(cancellationToken);
        foreach (var batch in batches)
        {
            var deployment = deployments.First(d => d.Id == batch.DeploymentId);
            deployment.AvailableAt = batch.AvailableAt;
            deployment.AssignmentAt = batch.AssignmentAt;
        }
    }

    private static DeploymentOffer Offer(DeploymentEntity deployment, Domain.Sequences.TaskSequence sequence, bool highImpact)
    {
        var notice = sequence.UserNotification;
        return new DeploymentOffer
        {
            DeploymentId = deployment.Id,
            SequenceId = sequence.Id,
            Name = sequence.Name,
            Description = sequence.Description,
            Required = deployment.Purpose == DeploymentPurpose.Required,
            RestartRequired = sequence.SoftwareCenter.RestartRequired,
            DownloadSizeMb = sequence.SoftwareCenter.DownloadSizeMb,
            EstimatedRunTimeMinutes = sequence.SoftwareCenter.EstimatedRunTimeMinutes,
            HighImpact = highImpact,
            SuppressNotifications = sequence.Advanced.SuppressNotifications,
            Notification = !highImpact ? null : notice.UseCustomText
                ? new HighImpactNotification { Headline = notice.Headline ?? "", Messages = [notice.Message1 ?? "", notice.Message2 ?? "", notice.Message3 ?? ""] }
                : new HighImpactNotification
                {
                    Headline = "This software will change your computer's operating system",
                    Messages = ["Save your work before you continue.", "The computer will restart, possibly several times, and may be unavailable for some time.", "Keep the computer plugged in and connected to the network."],
                },
        };
    }

    private static void Apply(DeviceEntity device, DeviceFacts facts)
    {
        device.Name = facts.Hostname;
        device.Os = facts.Os.ToLowerInvariant();
        device.OsVersion = facts.OsVersion;
        device.Architecture = facts.Architecture.ToLowerInvariant();
        device.InBootMedia = facts.InBootMedia;
        device.FreeDiskMb = facts.FreeDiskMb;
        device.Capabilities = DeviceCapabilityJudge.Store(facts.Capabilities);
        // An agent that does not report them (an older one) leaves what network boot knows of the device as it was.
        if (facts.MacAddresses is { Count: > 0 } macs)
        {
            device.MacAddresses = NetworkBoot.MachineIdentity.JoinMacAddresses(macs);
        }

        if (NetworkBoot.MachineIdentity.NormalizeUuid(facts.SmbiosUuid) is { } uuid)
        {
            device.SmbiosUuid = uuid;
        }
    }

    private static void CheckFacts(DeviceFacts? facts)
    {
        if (facts is null)
        {
            throw Problem.BadRequest("facts", "the device's facts are required");
        }

        if (string.IsNullOrWhiteSpace(facts.Hostname) || facts.Hostname.Length > 255)
        {
            throw Problem.BadRequest("facts.hostname", "a hostname has 1 to 255 characters");
        }

        if (facts.Os?.ToLowerInvariant() is not ("windows" or "linux" or "macos"))
        {
            throw Problem.BadRequest("facts.os", "os is windows, linux or macos");
        }

        // Required in the contract, but JSON may still say null: the device row's columns are not null.
        if (facts.OsVersion is null)
        {
            throw Problem.BadRequest("facts.osVersion", "the OS version is required");
        }

        if (string.IsNullOrWhiteSpace(facts.Architecture))
        {
            throw Problem.BadRequest("facts.architecture", "the architecture is required");
        }

        if (facts.MacAddresses is { } macs && (macs.Count > 32 || macs.Any(m => NetworkBoot.MachineIdentity.NormalizeMac(m) is null)))
        {
            throw Problem.BadRequest("facts.macAddresses", "at most 32 MAC addresses, each six hex pairs separated by colons or hyphens");
        }

        if (facts.SmbiosUuid is { } uuid && NetworkBoot.MachineIdentity.NormalizeUuid(uuid) is null)
        {
            throw Problem.BadRequest("facts.smbiosUuid", "the SMBIOS UUID is a UUID (32 hex digits, with or without hyphens)");
        }

        CheckCapabilities(facts.Capabilities);
    }

    private static void CheckCapabilities(AgentCapabilities? capabilities)
    {
        if (capabilities is null)
        {
            return;
        }

        if (capabilities.Platform?.ToLowerInvariant() is not ("windows" or "linux" or "macos"))
        {
            throw Problem.BadRequest("facts.capabilities.platform", "platform is windows, linux or macos");
        }

        if (Domain.Capabilities.AgentEnvironments.Parse(capabilities.Environment) is null)
        {
            throw Problem.BadRequest("facts.capabilities.environment", "environment is full-os or boot-image");
        }

        foreach (var (field, names) in new[] { ("stepTypes", capabilities.StepTypes), ("conditionKinds", capabilities.ConditionKinds) })
        {
            if (names is null || names.Count > DeviceCapabilityJudge.MaxReportedEntries || names.Any(n => string.IsNullOrWhiteSpace(n) || n.Length > 100))
            {
                throw Problem.BadRequest($"facts.capabilities.{field}", $"a list of at most {DeviceCapabilityJudge.MaxReportedEntries} names of 1 to 100 characters");
            }
        }
    }
}
