using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Domain.Variables;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Runs;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Collections;

/// <summary>Collection and device variables: names checked, secrets encrypted and never read back out.</summary>
public sealed class VariableStore(StoreContext store, RunVariables runVariables)
{
    public async Task<List<VariableInfo>> ListAsync(string ownerKind, string ownerId, CancellationToken cancellationToken) =>
        [.. (await store.Variables.AsNoTracking().Where(v => v.OwnerKind == ownerKind && v.OwnerId == ownerId).OrderBy(v => v.Name).ToListAsync(cancellationToken))
            .Select(v => new VariableInfo { Name = v.Name, Value = v.Secret ? null : v.Value, Secret = v.Secret })];

    /// <summary>Adds the change to the unit of work; the caller saves it with its audit row.</summary>
    public async Task<VariableInfo> SetAsync(string ownerKind, string ownerId, string name, SetVariableRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!VariableName.IsValidUserName(name) || VariableName.IsReadOnly(name))
        {
            throw Problem.BadRequest("name", $"'{name}' is not a variable name a user may set (letters, digits, _ and -, starting with a letter, at most {VariableName.MaxLength})");
        }

        var value = request.Value ?? "";
        if (value.Length > VariableName.MaxValueLength)
        {
            throw Problem.BadRequest("value", $"a value has at most {VariableName.MaxValueLength} characters");
        }

        var existing = await store.Variables.FirstOrDefaultAsync(v => v.OwnerKind == ownerKind && v.OwnerId == ownerId && v.Name == name, cancellationToken);
        var stored = request.Secret ? runVariables.Protector.Protect(value) : value;
        if (existing is null)
        {
            store.Variables.Add(new VariableEntity { OwnerKind = ownerKind, OwnerId = ownerId, Name = name, Value = stored, Secret = request.Secret });
        }
        else
        {
            existing.Value = stored;
            existing.Secret = request.Secret;
        }

        return new VariableInfo { Name = name, Value = request.Secret ? null : value, Secret = request.Secret };
    }

    /// <summary>Adds the removal to the unit of work; false when the owner has no such variable.</summary>
    public async Task<bool> RemoveAsync(string ownerKind, string ownerId, string name, CancellationToken cancellationToken)
    {
        var existing = await store.Variables.FirstOrDefaultAsync(v => v.OwnerKind == ownerKind && v.OwnerId == ownerId && v.Name == name, cancellationToken);
        if (existing is null)
        {
            return false;
        }

        store.Variables.Remove(existing);
        return true;
    }
}
