using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Deployments;
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
public sealed class AgentService(StoreContext store, RunRuntime runtime, DeploymentDecisions decisions, IOptions<AgentOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan LastCheckInResolution = TimeSpan.FromMinutes(1);

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
        // One store connection for the check-in's dozen reads: taken from the pool once, not once per read (the pool's
        // lock was where a fleet checking in at once queued).
        await store.Database.OpenConnectionAsync(cancellationToken);
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

        // One decision, the explainer's too (GET /api/v1/deployments/{id}/why): what is offered and which one starts.
        var (state, candidates) = await decisions.LoadAsync(device, now, alsoDeploymentId: null, cancellationToken);
        var verdicts = DeploymentDecision.Decide(state, candidates);
        var offers = verdicts.Where(v => v.Offered)
            .Select(v => Offer(v.Candidate.Deployment, v.Candidate.Sequence!, v.Candidate.HighImpact) with { AlreadyRun = v.AlreadyRun }).ToList();
        var active = state.ActiveRun?.RunId;
        if (verdicts.FirstOrDefault(v => v.Starts) is { } starts)
        {
            active = (await runtime.StartAsync(starts.Candidate.SequenceEntity!, device, starts.Candidate.Deployment.Id, state.Collections, cancellationToken)).Id;
        }

        return new CheckInResponse { Offers = offers, ActiveRunId = active };
    }

    public async Task<StartRunResponse> StartAsync(string deviceId, string deploymentId, CancellationToken cancellationToken)
    {
        await store.Database.OpenConnectionAsync(cancellationToken);
        var device = await store.Devices.AsNoTracking().FirstAsync(d => d.Id == deviceId, cancellationToken);
        var now = clock.GetUtcNow();
        var (state, candidates) = await decisions.LoadAsync(device, now, alsoDeploymentId: null, cancellationToken);
        if (DeploymentDecision.Decide(state, candidates).FirstOrDefault(v => v.Candidate.Deployment.Id == deploymentId && v.Offered) is not { } verdict)
        {
            throw Problem.NotFound("Deployment", deploymentId);
        }

        // Someone on the device starts it: what the schedule holds back (assignment, rerun, windows) does not apply.
        if (verdict.Reasons.FirstOrDefault(r => r.Code == WhyNotCodes.Capability) is { } cannot)
        {
            throw Problem.Conflict(cannot.Detail);
        }

        if (state.ActiveRun is { } running)
        {
            throw Problem.Conflict($"the device is already running {running.RunId}: one run at a time");
        }

        var run = await runtime.StartAsync(verdict.Candidate.SequenceEntity!, device, deploymentId, state.Collections, cancellationToken);
        return new StartRunResponse { RunId = run.Id };
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

        // Reported at every check-in, so a chassis changed in /etc/machine-info (or an agent no longer sending it) is followed.
        device.Chassis = facts.Chassis?.ToLowerInvariant();
        device.OsProductType = facts.OsProductType;
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

        if (facts.Chassis is { Length: > 32 })
        {
            throw Problem.BadRequest("facts.chassis", "the chassis is a word of at most 32 characters (server, desktop, laptop, vm, …)");
        }

        if (facts.OsProductType is not (null or "workstation" or "server" or "domainController"))
        {
            throw Problem.BadRequest("facts.osProductType", "the OS product type is workstation, server or domainController");
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
