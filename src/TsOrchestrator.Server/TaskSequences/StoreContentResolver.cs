using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.TaskSequences;

/// <summary>
/// The site's content as validation looks it up: every id the sequences name is read in one query before validating, so
/// a sequence of a hundred steps costs one round trip, not one per step. The caller's scopes apply: content they cannot
/// see is content they cannot choose.
/// </summary>
internal sealed class StoreContentResolver : IContentResolver
{
    private readonly Dictionary<string, ContentKind> _kinds;

    private StoreContentResolver(Dictionary<string, ContentKind> kinds) => _kinds = kinds;

    public static async Task<StoreContentResolver> LoadAsync(StoreContext store, IEnumerable<TaskSequence> sequences, CancellationToken cancellationToken)
    {
        var ids = sequences.SelectMany(ContentReferences.Of).Select(r => r.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var kinds = new Dictionary<string, ContentKind>(StringComparer.OrdinalIgnoreCase);
        if (ids.Count > 0)
        {
            foreach (var row in await store.Packages.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Type }).ToListAsync(cancellationToken))
            {
                kinds[row.Id] = KindOf(row.Type);
            }
        }

        return new StoreContentResolver(kinds);
    }

    public ContentKind? KindOf(string contentId) => _kinds.TryGetValue(contentId, out var kind) ? kind : null;

    private static ContentKind KindOf(PackageType type) => type switch
    {
        PackageType.OsImage => ContentKind.OperatingSystemImage,
        PackageType.OsUpgradePackage => ContentKind.OperatingSystemUpgradePackage,
        PackageType.BootImage => ContentKind.BootImage,
        PackageType.DriverPackage => ContentKind.DriverPackage,
        PackageType.Application => ContentKind.Application,
        _ => ContentKind.Package,
    };
}
