using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Devices;
using TsOrchestrator.Server.Agents;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Devices;

/// <summary><c>/api/v1/devices</c>: devices registered by agents; approve, block, device variables.</summary>
public static class DevicesApi
{
    public static IEndpointRouteBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/devices").WithTags("Devices").RequireAuthorization(AdminPolicies.Read);

        group.MapGet("/", async (StoreContext store, HttpContext http, CancellationToken cancellationToken) =>
            (await store.Devices.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken)).Select(Info).ToList());

        group.MapGet("/{id}", async (string id, StoreContext store, HttpContext http, CancellationToken cancellationToken) =>
            Info(await store.Devices.AsNoTracking().FoundAsync(id, "Device", cancellationToken)));

        group.MapPost("/{id}/approve", (string id, StoreContext store, AuditLog audit, HttpContext http, CancellationToken cancellationToken) =>
            SetStatusAsync(id, DeviceStatus.Approved, store, audit, http, null, cancellationToken)).RequireAuthorization(AdminPolicies.Edit);

        group.MapPost("/{id}/block", (string id, StoreContext store, AuditLog audit, HttpContext http, ApprovedDeviceKeys cache, CancellationToken cancellationToken) =>
            SetStatusAsync(id, DeviceStatus.Blocked, store, audit, http, cache, cancellationToken)).RequireAuthorization(AdminPolicies.Edit);

        group.MapPut("/{id}/scopes", async (string id, Contracts.TaskSequences.SetScopesRequest request, StoreContext store, AuditLog audit, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            var scopes = SecurityScopes.Parse(request.Scopes);
            var device = await store.Devices.FoundAsync(id, "Device", cancellationToken);
            var before = device.ConcurrencyVersion;
            device.Scopes = scopes;
            device.ConcurrencyVersion++;
            audit.Record(Caller.From(http.User), "set-scopes", "Device", id, before, device.ConcurrencyVersion, scopes);
            await store.SaveChangesAsync(cancellationToken);
            return Info(device);
        }).RequireAuthorization(AdminPolicies.Administer);

        group.MapOwnerVariables(VariableOwners.Device, "Device", async (store, id, http, cancellationToken) =>
            await store.Devices.AsNoTracking().AnyAsync(d => d.Id == id, cancellationToken));

        return app;
    }

    private static async Task<DeviceInfo> SetStatusAsync(string id, DeviceStatus status, StoreContext store, AuditLog audit, HttpContext http,
        ApprovedDeviceKeys? cache, CancellationToken cancellationToken)
    {
        var device = await store.Devices.FoundAsync(id, "Device", cancellationToken);
        var before = device.ConcurrencyVersion;
        device.Status = status;
        device.ConcurrencyVersion++;
        audit.Record(Caller.From(http.User), status == DeviceStatus.Blocked ? "block" : "approve", "Device", id, before, device.ConcurrencyVersion);
        await store.SaveChangesAsync(cancellationToken);
        cache?.Forget(id); // after the save: a call in between must not cache the device as approved again
        return Info(device);
    }

    private static DeviceInfo Info(DeviceEntity d) => new()
    {
        Id = d.Id, Name = d.Name, Status = d.Status.ToString(), Os = d.Os, OsVersion = d.OsVersion, Architecture = d.Architecture,
        InBootMedia = d.InBootMedia, UnknownComputer = d.UnknownComputer, LastCheckIn = d.LastCheckIn, Capabilities = Deployments.DeviceCapabilityJudge.Read(d), Scopes = SecurityScopes.List(d.Scopes),
    };
}
