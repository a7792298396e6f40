using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Server.Auditing;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Security;
using TsOrchestrator.Server.Storage;
using TsOrchestrator.Server.TaskSequences;

namespace TsOrchestrator.Server.Content;

/// <summary>
/// Packages: created and updated by importing their source folder into the content library. An
/// import that finds different content makes a new package version, and every distribution point
/// holding the package gets it again.
/// </summary>
public sealed class PackageService(StoreContext store, ContentLibrary library, ContentSourceRoots sources, AuditLog audit, TimeProvider clock, DistributionSignal signal)
{
    private const string ObjectType = "Package";
    private const string SourceField = "sourcePath";

    public async Task<IReadOnlyList<PackageInfo>> ListAsync(Caller caller, CancellationToken cancellationToken) =>
        [.. (await store.Packages.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken)).Select(Info)];

    public async Task<PackageInfo> GetAsync(string id, Caller caller, CancellationToken cancellationToken) =>
        Info(await FindVisibleAsync(id, caller, tracking: false, cancellationToken));

    public async Task<IReadOnlyList<ContentFile>> ManifestAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var package = await FindVisibleAsync(id, caller, tracking: false, cancellationToken);
        return await FilesAsync(store, package.Id, package.Version, cancellationToken);
    }

    public async Task<PackageInfo> CreateAsync(CreatePackageRequest request, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = CheckName(request.Name);
        var programs = CheckPrograms(request.Type, request.Programs);
        var source = sources.CheckFolder(SourceField, request.SourcePath);
        if (!Enum.IsDefined(request.Type))
        {
            throw Problem.BadRequest("type", $"'{request.Type}' is not a package type");
        }

        var dependencies = await PackageDependencies.CheckAsync(store, null, request.Type, request.Dependencies, cancellationToken);
        var files = await ImportAsync(sources.Open(SourceField, source), cancellationToken);
        var package = new PackageEntity
        {
            Id = NewId(),
            Name = name,
            Description = request.Description,
            Type = request.Type,
            Version = 1,
            SourcePath = source,
            Programs = JsonSerializer.Serialize(programs, JsonSerializerOptions.Web),
            Dependencies = PackageDependencies.Write(dependencies),
            Scopes = SecurityScopes.ForNewObject(caller),
        };
        AddVersion(package, files);
        store.Packages.Add(package);
        audit.Record(caller, "create", ObjectType, package.Id, null, package.ConcurrencyVersion, $"version 1, {files.Count} files");
        await store.SaveChangesAsync(cancellationToken);
        return Info(package);
    }

    public async Task<PackageInfo> UpdateAsync(string id, UpdatePackageRequest request, string? ifMatch, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var package = await FindVisibleAsync(id, caller, tracking: true, cancellationToken);
        if (ifMatch is null)
        {
            throw Problem.PreconditionRequired("package");
        }

        if (ETags.Parse(ifMatch) != package.ConcurrencyVersion)
        {
            throw Problem.StaleVersion(ObjectType, package.Id, package.ConcurrencyVersion);
        }

        var name = request.Name is null ? package.Name : CheckName(request.Name);
        var programs = request.Programs is null ? null : CheckPrograms(package.Type, request.Programs);
        // The stored folder may be one an import of uploaded content made in the data folder; a folder the request names may not.
        var keepsSource = request.SourcePath is null || string.Equals(request.SourcePath, package.SourcePath, StringComparison.Ordinal);
        var source = keepsSource ? package.SourcePath : sources.CheckFolder(SourceField, request.SourcePath);
        var dependencies = request.Dependencies is null ? null : await PackageDependencies.CheckAsync(store, package.Id, package.Type, request.Dependencies, cancellationToken);
        var files = await ImportAsync(keepsSource ? sources.OpenStored(SourceField, source) : sources.Open(SourceField, source), cancellationToken);

        var before = package.ConcurrencyVersion;
        package.Name = name;
        package.Description = request.Description ?? package.Description;
        package.SourcePath = source;
        if (dependencies is not null)
        {
            package.Dependencies = PackageDependencies.Write(dependencies);
        }

        if (programs is not null)
        {
            package.Programs = JsonSerializer.Serialize(programs, JsonSerializerOptions.Web);
        }

        var changed = await ApplyImportAsync(package, files, cancellationToken);
        package.ConcurrencyVersion++;
        audit.Record(caller, "update", ObjectType, package.Id, before, package.ConcurrencyVersion, changed ? $"content version {package.Version}" : "content unchanged");
        await SaveAsync(package, cancellationToken);
        return Info(package);
    }

    /// <summary>Configuration Manager's Update Distribution Points: import the source folder again.</summary>
    public async Task<PackageInfo> UpdateContentAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var package = await FindVisibleAsync(id, caller, tracking: true, cancellationToken);
        var files = await ImportAsync(sources.OpenStored(SourceField, package.SourcePath), cancellationToken);
        var before = package.ConcurrencyVersion;
        var changed = await ApplyImportAsync(package, files, cancellationToken);
        package.ConcurrencyVersion++;
        audit.Record(caller, "update-content", ObjectType, package.Id, before, package.ConcurrencyVersion, changed ? $"content version {package.Version}" : "content unchanged");
        await SaveAsync(package, cancellationToken);
        return Info(package);
    }

    public async Task DeleteAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var package = await FindVisibleAsync(id, caller, tracking: true, cancellationToken);
        var users = await SequencesReferencingAsync(package.Id, cancellationToken);
        users.AddRange((await store.Packages.AsNoTracking().Where(p => p.Dependencies.Contains(package.Id)).ToListAsync(cancellationToken))
            .Where(p => PackageDependencies.Read(p.Dependencies).Contains(package.Id)).Select(p => $"application {p.Id}"));
        if (users.Count > 0)
        {
            throw Problem.Conflict($"package '{package.Id}' is needed by {string.Join(", ", users)}; remove the references first", "id");
        }

        store.Packages.Remove(package);
        await store.PackageFiles.Where(f => f.PackageId == package.Id).ExecuteDeleteAsync(cancellationToken);
        await store.PackageDistributions.Where(d => d.PackageId == package.Id).ExecuteDeleteAsync(cancellationToken);
        audit.Record(caller, "delete", ObjectType, package.Id, package.ConcurrencyVersion, null);
        await store.SaveChangesAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<ContentFile>> FilesAsync(StoreContext store, string packageId, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = await store.PackageFiles.AsNoTracking().Where(f => f.PackageId == packageId && f.Version == version).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(f => f.RelativePath, StringComparer.Ordinal).Select(f => new ContentFile { Path = f.RelativePath, Size = f.Size, Hash = f.Hash, Mode = f.Mode })];
    }

    public static IReadOnlyList<PackageProgram> ReadPrograms(string json) =>
        JsonSerializer.Deserialize<List<PackageProgram>>(json, JsonSerializerOptions.Web) ?? [];

    public static PackageInfo Info(PackageEntity p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            Id = p.Id, Name = p.Name, Description = p.Description, Type = p.Type, Version = p.Version, SourcePath = p.SourcePath,
            Programs = ReadPrograms(p.Programs), Dependencies = PackageDependencies.Read(p.Dependencies), FileCount = p.FileCount, SizeBytes = p.SizeBytes, LastImported = p.LastImported,
            Scopes = SecurityScopes.List(p.Scopes), ConcurrencyVersion = p.ConcurrencyVersion,
        };
    }

    internal async Task<PackageEntity> FindVisibleAsync(string id, Caller caller, bool tracking, CancellationToken cancellationToken)
    {
        var query = tracking ? store.Packages : store.Packages.AsNoTracking();
        return await query.FoundAsync(id, ObjectType, cancellationToken);
    }

    private async Task<IReadOnlyList<ContentFile>> ImportAsync(ContentSourceFolder source, CancellationToken cancellationToken)
    {
        try
        {
            return await library.ImportFolderAsync(source, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Problem.BadRequest(SourceField, $"the source folder '{source.Folder}' could not be read: {e.Message}");
        }
    }

    /// <summary>Takes an import as the package's content; a new version only when the files differ from the current one.</summary>
    private async Task<bool> ApplyImportAsync(PackageEntity package, IReadOnlyList<ContentFile> files, CancellationToken cancellationToken)
    {
        var current = await FilesAsync(store, package.Id, package.Version, cancellationToken);
        package.LastImported = clock.GetUtcNow();
        if (current.SequenceEqual(files))
        {
            return false;
        }

        package.Version++;
        AddVersion(package, files);

        // Every DP that has or is getting this package gets the new version: Configuration Manager's redistribution on update.
        var now = clock.GetUtcNow();
        await store.PackageDistributions.Where(d => d.PackageId == package.Id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Version, package.Version)
            .SetProperty(d => d.Status, DistributionStatus.Pending)
            .SetProperty(d => d.Message, (string?)null)
            .SetProperty(d => d.Attempts, 0)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(d => d.UpdatedAt, now), cancellationToken);
        return true;
    }

    private void AddVersion(PackageEntity package, IReadOnlyList<ContentFile> files)
    {
        package.FileCount = files.Count;
        package.SizeBytes = files.Sum(f => f.Size);
        package.LastImported = clock.GetUtcNow();
        store.PackageFiles.AddRange(files.Select(f => new PackageFileEntity
        {
            PackageId = package.Id, Version = package.Version, RelativePath = f.Path, Size = f.Size, Hash = f.Hash, Mode = f.Mode,
        }));
    }

    private async Task SaveAsync(PackageEntity package, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (StoreRaces.IsRace(e))
        {
            // Two updates from one version: the loser's new version's files collide with the winner's, or its
            // concurrency-checked update finds the token moved on. Either way it is stale.
            var current = await store.Packages.AsNoTracking().Where(p => p.Id == package.Id).Select(p => (long?)p.ConcurrencyVersion).FirstOrDefaultAsync(cancellationToken);
            throw current is null ? Problem.NotFound(ObjectType, package.Id) : Problem.StaleVersion(ObjectType, package.Id, current.Value);
        }

        signal.Wake();
    }

    private async Task<List<string>> SequencesReferencingAsync(string packageId, CancellationToken cancellationToken)
    {
        var latest = await store.TaskSequences.AsNoTracking().Select(s => new { s.Id, s.LatestVersion }).ToListAsync(cancellationToken);
        var users = new List<string>();
        foreach (var sequence in latest)
        {
            var content = await store.TaskSequenceVersions.AsNoTracking()
                .Where(v => v.SequenceId == sequence.Id && v.Version == sequence.LatestVersion).Select(v => v.Content).FirstAsync(cancellationToken);
            if (content.Contains(packageId, StringComparison.OrdinalIgnoreCase) &&
                PackageReferences.Of(Domain.Serialization.NativeFormat.Deserialize(content, sequence.Id)).ContainsKey(packageId))
            {
                users.Add($"task sequence {sequence.Id}");
            }
        }

        return users;
    }

    private static string CheckName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is > 0 and <= 100 ? trimmed : throw Problem.BadRequest("name", "a package name has 1 to 100 characters");
    }

    private static List<PackageProgram> CheckPrograms(PackageType type, IReadOnlyList<PackageProgram>? programs)
    {
        var list = programs?.ToList() ?? [];
        if (list.Count > 0 && type != PackageType.Package)
        {
            throw Problem.BadRequest("programs", $"only a package of type Package has programs, not a {type}");
        }

        foreach (var program in list)
        {
            if (string.IsNullOrWhiteSpace(program.Name) || program.Name.Length > 100 || string.IsNullOrWhiteSpace(program.CommandLine))
            {
                throw Problem.BadRequest("programs", "each program has a name (1 to 100 characters) and a command line");
            }
        }

        var duplicate = list.GroupBy(p => p.Name.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? list : throw Problem.BadRequest("programs", $"two programs are named '{duplicate.Key}'");
    }

    // Configuration Manager package ids are a site code and a number; ours follow the task sequence ids' pattern.
    private static string NewId() => "PKG" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
}
