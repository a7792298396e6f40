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

    public async Task<Dictionary<string, string>> ForDeviceAsync(DeviceEntity device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        // Collection variables do not apply to unknown devices started from boot media; registered ones are known.
        var collections = (await CollectionMembership.OfDeviceAsync(store, device, cancellationToken))
            .OrderByDescending(c => c.VariablePriority).ThenByDescending(c => c.Id, StringComparer.Ordinal).Select(c => c.Id).ToList();
        var collectionVariables = await store.Variables.AsNoTracking()
            .Where(v => v.OwnerKind == VariableOwners.Collection && collections.Contains(v.OwnerId)).ToListAsync(cancellationToken);
        foreach (var collection in collections)
        {
            foreach (var variable in collectionVariables.Where(v => v.OwnerId == collection))
            {
                values[variable.Name] = Reveal(variable);
            }
        }

        foreach (var variable in await store.Variables.AsNoTracking()
                     .Where(v => v.OwnerKind == VariableOwners.Device && v.OwnerId == device.Id).ToListAsync(cancellationToken))
        {
            values[variable.Name] = Reveal(variable);
        }

        return values;
    }

    private string Reveal(VariableEntity variable) => variable.Secret ? Protector.Unprotect(variable.Value) : variable.Value;
}
