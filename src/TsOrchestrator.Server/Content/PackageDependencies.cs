using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Content;

/// <summary>Application dependencies: what else must be on a DP (or in a prestaged file) for a package to install.</summary>
public static class PackageDependencies
{
    public static IReadOnlyList<string> Read(string json) => JsonSerializer.Deserialize<List<string>>(json, JsonSerializerOptions.Web) ?? [];

    public static string Write(IReadOnlyList<string> dependencies) => JsonSerializer.Serialize(dependencies, JsonSerializerOptions.Web);

    /// <summary>The packages with everything they depend on, each once, the given ones first.</summary>
    public static async Task<List<PackageEntity>> WithDependenciesAsync(StoreContext store, IReadOnlyList<PackageEntity> packages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(packages);
        var result = packages.DistinctBy(p => p.Id).ToList();
        var seen = result.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < result.Count; i++)
        {
            var next = Read(result[i].Dependencies).Where(seen.Add).ToList();
            // A dependency is what the package needs to install, whoever may see it: the closure looks past the scope filter.
            result.AddRange(await store.Packages.IgnoreQueryFilters([StoreContext.ScopeFilter]).AsNoTracking().Where(p => next.Contains(p.Id)).ToListAsync(cancellationToken));
        }

        return result;
    }

    /// <summary>Checks a package's dependencies: applications only, existing packages, and no cycle back to itself.</summary>
    public static async Task<List<string>> CheckAsync(StoreContext store, string? packageId, PackageType type, IReadOnlyList<string>? dependencies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var list = (dependencies ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            return list;
        }

        if (type != PackageType.Application)
        {
            throw Problem.BadRequest("dependencies", $"only an application has dependencies, not a {type}");
        }

        var found = await store.Packages.AsNoTracking().Where(p => list.Contains(p.Id)).ToListAsync(cancellationToken);
        if (list.FirstOrDefault(d => found.All(p => p.Id != d)) is { } missing)
        {
            throw Problem.BadRequest("dependencies", $"package '{missing}' does not exist or is outside your security scopes");
        }

        if (packageId is not null && (await WithDependenciesAsync(store, found, cancellationToken)).Any(p => p.Id == packageId))
        {
            throw Problem.BadRequest("dependencies", $"package '{packageId}' would depend on itself");
        }

        return list;
    }
}
