using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TsOrchestrator.Contracts.StateMigration;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.StateMigration;

/// <summary>
/// The state migration point as devices use it. A device reaches only stores it captured or requested for restore;
/// any other store is answered as one that does not exist.
/// </summary>
public sealed partial class StateStoreService(StoreContext store, StateStoreVault vault, IOptions<StateMigrationOptions> options, TimeProvider clock,
    ILogger<StateStoreService> logger)
{
    public const string CapturePurpose = "Capture";
    public const string RestorePurpose = "Restore";

    /// <summary>Request State Store: a new store for capture (the same one for a retried request), or the store to restore from.</summary>
    public async Task<StateStoreInfo> RequestAsync(string deviceId, StateStoreRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.RunId) || string.IsNullOrWhiteSpace(request.WorkItemId) || request.RunId.Length > 128 || request.WorkItemId.Length > 128)
        {
            throw Problem.BadRequest("runId", "runId and workItemId name the Request State Store step's run and work item (at most 128 characters each)");
        }

        if (string.Equals(request.Purpose, CapturePurpose, StringComparison.OrdinalIgnoreCase))
        {
            return Info(await ForCaptureAsync(deviceId, $"{request.RunId}/{request.WorkItemId}", cancellationToken));
        }

        if (string.Equals(request.Purpose, RestorePurpose, StringComparison.OrdinalIgnoreCase))
        {
            return Info(await ForRestoreAsync(deviceId, cancellationToken));
        }

        throw Problem.BadRequest("purpose", $"purpose '{request.Purpose}' is neither {CapturePurpose} nor {RestorePurpose}");
    }

    /// <summary>Stores the captured state (replacing an earlier upload to the same store), streamed and encrypted.</summary>
    public async Task<StateStoreInfo> UploadAsync(string deviceId, string storeId, Stream body, long? declaredLength, CancellationToken cancellationToken)
    {
        var found = await OwnAsync(deviceId, storeId, cancellationToken);
        if (found.SourceDeviceId != deviceId || found.Status is not (StateStoreStatus.Capturing or StateStoreStatus.Captured))
        {
            throw Problem.Conflict($"state store '{storeId}' is {found.Status}: state is captured into a store this device requested for capture, before a restore or its release", "storeId");
        }

        var stored = await vault.WriteAsync(found.Id, body, declaredLength, cancellationToken);
        var replaced = found.BlobFile;
        found.BlobFile = stored.BlobFile;
        found.ProtectedKey = stored.ProtectedKey;
        found.SizeBytes = stored.SizeBytes;
        found.Status = StateStoreStatus.Captured;
        found.CapturedAt = clock.GetUtcNow();
        try
        {
            await store.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            vault.Delete(stored.BlobFile);
            throw;
        }

        vault.Delete(replaced);
        LogCaptured(logger, found.Id, deviceId, found.SizeBytes);
        return Info(found);
    }

    /// <summary>A store whose state the device may read (it captured it, or requested it for restore), holding state.</summary>
    public async Task<StateStoreEntity> ReadableAsync(string deviceId, string storeId, CancellationToken cancellationToken)
    {
        var found = await OwnAsync(deviceId, storeId, cancellationToken);
        return found.BlobFile is null
            ? throw Problem.Conflict($"state store '{storeId}' holds no captured state: run Capture User State into it before restoring", "storeId")
            : found;
    }

    public Task ReadAsync(StateStoreEntity found, Stream output, CancellationToken cancellationToken) => vault.ReadAsync(found, output, cancellationToken);

    /// <summary>
    /// Release State Store. After a restore the store is released and its retention starts; after a capture it
    /// stays captured for its restore; a store that never got its state is released with nothing to keep.
    /// </summary>
    public async Task<StateStoreInfo> ReleaseAsync(string deviceId, string storeId, CancellationToken cancellationToken)
    {
        var found = await OwnAsync(deviceId, storeId, cancellationToken);
        if (found.Status is StateStoreStatus.Restoring or StateStoreStatus.Capturing)
        {
            found.Status = StateStoreStatus.Released;
            found.ReleasedAt = clock.GetUtcNow();
            await store.SaveChangesAsync(cancellationToken);
            LogReleased(logger, found.Id, deviceId);
        }

        return Info(found);
    }

    /// <summary>Deletes every released store past its retention, and files no store names (older than a day).</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - TimeSpan.FromDays(options.Value.RetentionDays);
        var due = await store.StateStores.Where(s => s.Status == StateStoreStatus.Released && s.ReleasedAt != null && s.ReleasedAt <= cutoff)
            .ToListAsync(cancellationToken);
        foreach (var expired in due)
        {
            store.StateStores.Remove(expired);
            await store.SaveChangesAsync(cancellationToken);
            vault.Delete(expired.BlobFile);
            LogExpired(logger, expired.Id, options.Value.RetentionDays);
        }

        var named = (await store.StateStores.Where(s => s.BlobFile != null).Select(s => s.BlobFile!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var stray in vault.Strays(named, now - TimeSpan.FromDays(1)))
        {
            vault.Delete(stray);
        }

        return due.Count;
    }

    public StateStoreInfo Info(StateStoreEntity s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new StateStoreInfo
        {
            Id = s.Id, SourceDeviceId = s.SourceDeviceId, RestoringDeviceId = s.RestoringDeviceId, Status = s.Status.ToString(), SizeBytes = s.SizeBytes,
            CreatedAt = s.CreatedAt, CapturedAt = s.CapturedAt, ReleasedAt = s.ReleasedAt,
            DeleteAfter = s.ReleasedAt + TimeSpan.FromDays(options.Value.RetentionDays), Scopes = SecurityScopes.List(s.Scopes),
        };
    }

    private async Task<StateStoreEntity> ForCaptureAsync(string deviceId, string requestKey, CancellationToken cancellationToken)
    {
        if (await store.StateStores.FirstOrDefaultAsync(s => s.SourceDeviceId == deviceId && s.RequestKey == requestKey, cancellationToken) is { } again)
        {
            return again;
        }

        var device = await store.Devices.AsNoTracking().FirstAsync(d => d.Id == deviceId, cancellationToken);
        var created = new StateStoreEntity
        {
            Id = "SS" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
            SourceDeviceId = deviceId, RequestKey = requestKey, Status = StateStoreStatus.Capturing, CreatedAt = clock.GetUtcNow(), Scopes = device.Scopes,
        };
        store.StateStores.Add(created);
        await store.SaveChangesAsync(cancellationToken);
        LogRequested(logger, created.Id, deviceId, CapturePurpose);
        return created;
    }

    private async Task<StateStoreEntity> ForRestoreAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (await store.StateStores.Where(s => s.RestoringDeviceId == deviceId && s.Status == StateStoreStatus.Restoring)
                .OrderByDescending(s => s.CapturedAt).FirstOrDefaultAsync(cancellationToken) is { } again)
        {
            return again;
        }

        var sources = await store.ComputerAssociations.Where(a => a.DestinationDeviceId == deviceId).Select(a => a.SourceDeviceId).ToListAsync(cancellationToken);
        sources.Add(deviceId);
        var captured = await store.StateStores.Where(s => sources.Contains(s.SourceDeviceId) && s.Status == StateStoreStatus.Captured)
            .OrderByDescending(s => s.CapturedAt).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ApiProblemException(StatusCodes.Status404NotFound, "No user state to restore",
                $"the state migration point holds no captured, unreleased user state of device '{deviceId}'" +
                (sources.Count > 1 ? $" or of the devices associated with it ({string.Join(", ", sources.Take(sources.Count - 1))})" : " (and no computer association names it as a destination)") +
                ": capture it first (Request State Store for capture, Capture User State), or associate the device that holds it");
        captured.Status = StateStoreStatus.Restoring;
        captured.RestoringDeviceId = deviceId;
        await store.SaveChangesAsync(cancellationToken);
        LogRequested(logger, captured.Id, deviceId, RestorePurpose);
        return captured;
    }

    /// <summary>A store the device captured or is restoring; any other is a 404, as if it did not exist.</summary>
    private async Task<StateStoreEntity> OwnAsync(string deviceId, string storeId, CancellationToken cancellationToken) =>
        await store.StateStores.FirstOrDefaultAsync(s => s.Id == storeId && (s.SourceDeviceId == deviceId || s.RestoringDeviceId == deviceId), cancellationToken)
        ?? throw Problem.NotFound("State store", storeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "State store {StoreId} requested by device {DeviceId} for {Purpose}")]
    private static partial void LogRequested(ILogger logger, string storeId, string deviceId, string purpose);

    [LoggerMessage(Level = LogLevel.Information, Message = "State store {StoreId}: device {DeviceId} stored {Bytes} bytes of user state")]
    private static partial void LogCaptured(ILogger logger, string storeId, string deviceId, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "State store {StoreId} released by device {DeviceId}")]
    private static partial void LogReleased(ILogger logger, string storeId, string deviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "State store {StoreId} deleted: released more than {Days} days ago")]
    private static partial void LogExpired(ILogger logger, string storeId, int days);
}
