using Microsoft.Extensions.Options;
using TsOrchestrator.Server.Exchange;
using TsOrchestrator.Server.Problems;
using TsOrchestrator.Server.Storage;

namespace TsOrchestrator.Server.Content;

/// <summary>
/// Which server folders a client may name as content (a package's <c>sourcePath</c>, an import's <c>contentPath</c>):
/// only folders under <see cref="ContentOptions.SourceRoots"/> once links are resolved, and never the data folder or the
/// site's shared folder or anything in them, nor a folder holding them. Without this an OS Deployment Manager could import the data folder,
/// prestage it and read <c>admin.key</c>: a Full Administrator's key.
/// </summary>
public sealed class ContentSourceRoots(IOptions<ContentOptions> content, IOptions<StorageOptions> storage)
{
    private readonly string _dataFolder = Path.GetFullPath(storage.Value.DataDirectory);
    private readonly string _sharedFolder = storage.Value.SharedPath;

    /// <summary>Checks a folder a client names; answers its full path as given (links are resolved again at every import).</summary>
    public string CheckFolder(string field, string? path) => Check(field, path, storedImport: false).Full;

    /// <summary>A folder's files, checked as <see cref="CheckFolder"/> does.</summary>
    public ContentSourceFolder Open(string field, string path) => Open(field, path, storedImport: false);

    /// <summary>
    /// A package's stored source folder, read again by update-content: besides the roots, the folder an import of
    /// uploaded content put it in (<c>&lt;shared&gt;/imported-content</c>), which the server wrote itself from plain files.
    /// </summary>
    public ContentSourceFolder OpenStored(string field, string path) => Open(field, path, storedImport: true);

    private ContentSourceFolder Open(string field, string path, bool storedImport)
    {
        var (_, real, roots, excluded) = Check(field, path, storedImport);
        try
        {
            return new ContentSourceFolder(field, real, roots, excluded);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Problem.BadRequest(field, $"the source folder '{path}' could not be read: {e.Message}");
        }
    }

    private (string Full, string Real, IReadOnlyList<string> Roots, IReadOnlyList<string> Excluded) Check(string field, string? path, bool storedImport)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            throw Problem.BadRequest(field, "give the full path of a folder on the site server");
        }

        var data = RealPaths.Of(_dataFolder);
        var shared = RealPaths.Of(_sharedFolder);
        var roots = content.Value.SourceRoots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(RealPaths.Of).ToList();
        var importedContent = RealPaths.Of(Path.Combine(_sharedFolder, ImportFolders.ImportedContentFolderName));
        var full = Path.GetFullPath(path);
        var real = RealPaths.Of(full);
        if (storedImport && RealPaths.IsUnder(real, importedContent) && !string.Equals(real, importedContent, RealPaths.Comparison))
        {
            // Only that folder is reachable from here, so nothing else of the data folder needs excluding.
            return Directory.Exists(real) ? (full, real, [importedContent], []) : throw Missing(field, full);
        }

        if (roots.Count == 0)
        {
            throw Problem.BadRequest(field,
                $"the site server takes no content from its own folders until an administrator names them: set {ContentOptions.Section}:SourceRoots to the folders content may be imported from");
        }

        if (RealPaths.IsUnder(real, data) || RealPaths.IsUnder(data, real))
        {
            throw Problem.BadRequest(field, $"'{full}' is the server's data folder, lies in it or holds it: the server never imports its own files");
        }

        if (RealPaths.IsUnder(real, shared) || RealPaths.IsUnder(shared, real))
        {
            throw Problem.BadRequest(field, $"'{full}' is the site's shared folder (Storage:SharedDirectory), lies in it or holds it: the server never imports its own files");
        }

        if (!roots.Any(root => RealPaths.IsUnder(real, root)))
        {
            throw Problem.BadRequest(field, $"'{full}' is not under a source root of the site server (links resolved: '{real}'); {ContentOptions.Section}:SourceRoots names the folders content may come from");
        }

        return Directory.Exists(real) ? (full, real, roots, [data, shared]) : throw Missing(field, full);
    }

    private static ApiProblemException Missing(string field, string full) =>
        Problem.BadRequest(field, $"the source folder '{full}' does not exist on the site server");
}
