using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Runs;

/// <summary>
/// The variables a run starts with, in TS-SEMANTICS §4's precedence: collection variables (the
/// collection with the lowest priority number wins, then the lower id), then device variables.
/// Secret values are decrypted here and leave only towards the engine.
/// </summary>
public sealed class RunVariables(StoreContext store, IDataProtectionProvider protection)
{
    public const string Purpose = "TsOrchestrator.Variables";

    public IDataProtector Protector { get; } = protection.CreateProtector(Purpose);

    /// <summary>The plain (non-secret) variables a run on this device starts with; they go into the run's state.</summary>
    public async Task<Dictionary<string, string>> ForDeviceAsync(DeviceEntity device, CancellationToken cancellationToken) =>
        await ResolveAsync(device, secret: false, cancellationToken);

    /// <summary>
    /// The device's secret variables, decrypted. They never enter the engine or the run's state: they are
    /// added to a step's environment when the agent fetches the step, and expanded only on the device.
    /// </summary>
    public async Task<Dictionary<string, string>> SecretsForDeviceAsync(DeviceEntity device, CancellationToken cancellationToken) =>
        await ResolveAsync(device, secret: true, cancellationToken);

    /// <summary>
    /// Whether any secret variable exists at all: most sites have none, and then a step's fetch skips working out
    /// the device's collections, which is the dearest part of every agent call that carries a step.
    /// </summary>
    public Task<bool> AnySecretsAsync(CancellationToken cancellationToken) => store.Variables.AnyAsync(v => v.Secret, cancellationToken);

    private async Task<Dictionary<string, string>> ResolveAsync(DeviceEntity device, bool secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        // Collection variables do not apply to unknown devices started from boot media; registered ones are known.
        var collections = (await CollectionMembership.OfDeviceAsync(store, device, cancellationToken))
            .OrderByDescending(c => c.VariablePriority).ThenByDescending(c => c.Id, StringComparer.Ordinal).Select(c => c.Id).ToList();
        var collectionVariables = await store.Variables.AsNoTracking()
            .Where(v => v.OwnerKind == VariableOwners.Collection && collections.Contains(v.OwnerId)).ToListAsync(cancellationToken);
        var deviceVariables = await store.Variables.AsNoTracking()
            .Where(v => v.OwnerKind == VariableOwners.Device && v.OwnerId == device.Id).ToListAsync(cancellationToken);

        // Precedence decides first, across secret and plain alike; then only the kind asked for is kept.
        var winners = new Dictionary<string, VariableEntity>(StringComparer.OrdinalIgnoreCase);
        foreach (var variable in collections.SelectMany(c => collectionVariables.Where(v => v.OwnerId == c)).Concat(deviceVariables))
        {
            winners[variable.Name] = variable;
        }

        foreach (var variable in winners.Values.Where(v => v.Secret == secret))
        {
            values[variable.Name] = secret ? Protector.Unprotect(variable.Value) : variable.Value;
        }

        return values;
    }

}
