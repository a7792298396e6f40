using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Server.Collections;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Runs;

/// <summary>
/// The variables a run starts with, in TS-SEMANTICS §4's precedence: collection variables (the
/// collection with the lowest priority number wins, then the lower id), then device variables.
/// Secret values are decrypted here and leave only towards the engine. A run an unknown computer started from the
/// boot image gets neither (§4, as Configuration Manager's media: only the media's own variables apply, and this
/// site's boot images carry none): the record it registered is the site's guess at a machine nobody has named yet,
/// and a collection that takes in every unknown computer is no place for one machine's settings or secrets.
/// </summary>
public sealed class RunVariables(StoreContext store, IDataProtectionProvider protection)
{
    public const string Purpose = "TsOrchestrator.Variables";

    /// <summary>The built-in variable saying how the run was started; it keeps its start value for the whole run.</summary>
    public const string LaunchModeVariable = "_SMSTSLaunchMode";

    /// <summary><see cref="LaunchModeVariable"/>'s value for a run started in the boot image (network or boot media).</summary>
    public const string BootMediaLaunchMode = "PXE";

    private bool? anySecretsSeen;

    public IDataProtector Protector { get; } = protection.CreateProtector(Purpose);

    /// <summary>The plain (non-secret) variables a run on this device starts with; they go into the run's state.</summary>
    public async Task<Dictionary<string, string>> ForDeviceAsync(DeviceEntity device, CancellationToken cancellationToken) =>
        await ForDeviceAsync(device, collections: null, cancellationToken);

    /// <summary>As <see cref="ForDeviceAsync(DeviceEntity, CancellationToken)"/>, with the device's collections when the caller has them already.</summary>
    public async Task<Dictionary<string, string>> ForDeviceAsync(DeviceEntity device, IReadOnlyList<CollectionEntity>? collections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return await ResolveAsync(device, launchedFromBootMedia: device.InBootMedia, secret: false, known: collections, cancellationToken);
    }

    /// <summary>
    /// The device's secret variables, decrypted. They never enter the engine or the run's state: they are
    /// added to a step's environment when the agent fetches the step, and expanded only on the device. Whether the
    /// run was started from the boot image is the run's (its <see cref="LaunchModeVariable"/>), not the device's
    /// now: a run an unknown computer started goes on without them after it restarts into the installed system.
    /// </summary>
    public async Task<Dictionary<string, string>> SecretsForDeviceAsync(DeviceEntity device, bool launchedFromBootMedia, CancellationToken cancellationToken) =>
        await ResolveAsync(device, launchedFromBootMedia, secret: true, known: null, cancellationToken);

    /// <summary>TS-SEMANTICS §4: a run started from the boot image on an unknown computer gets no collection or device variables.</summary>
    public static bool AppliesTo(DeviceEntity device, bool launchedFromBootMedia)
    {
        ArgumentNullException.ThrowIfNull(device);
        return !(device.UnknownComputer && launchedFromBootMedia);
    }

    /// <summary>
    /// Whether any secret variable exists at all: most sites have none, and then a step's fetch skips working out
    /// the device's collections, which is the dearest part of every agent call that carries a step.
    /// </summary>
    public async Task<bool> AnySecretsAsync(CancellationToken cancellationToken) =>
        anySecretsSeen ?? await store.Variables.AnyAsync(v => v.Secret, cancellationToken);

    /// <summary>What a read of this request found already (a run's load asks along): the request does not ask again.</summary>
    internal void SawAnySecrets(bool any) => anySecretsSeen = any;

    private async Task<Dictionary<string, string>> ResolveAsync(DeviceEntity device, bool launchedFromBootMedia, bool secret, IReadOnlyList<CollectionEntity>? known,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!AppliesTo(device, launchedFromBootMedia))
        {
            return values;
        }

        var collections = (known ?? await CollectionMembership.OfDeviceAsync(store, device, cancellationToken))
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
