using Refit;
using TsOrchestrator.Agent.Connection;
using TsOrchestrator.Agent.Platform;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Agent.Content;

/// <summary>
/// Brings a package's current version onto the device: asks the server where it is, downloads every file from the
/// first distribution point that holds it, checks each file's content hash on the way in and tries the next DP when one
/// sends something else. Versions are kept in the agent's cache, so a step that runs again (after a restart, a retry)
/// does not download again. A download is written to a <c>.partial</c> folder that is removed when it fails (and at the
/// agent's start, after a crash), so bytes that did not match never stay in the cache.
/// </summary>
internal sealed class ContentDownloader(IAgentApi api, HttpClient distributionPoints, string cacheDirectory, AgentLog log)
{
    private const string CompleteMarker = ".tsorch-complete";
    private const string PartialSuffix = ".partial";

    /// <summary>Removes the downloads a crash or power loss left half done: at the service's start, before any step runs.</summary>
    public void RemovePartialDownloads()
    {
        if (!Directory.Exists(cacheDirectory))
        {
            return;
        }

        foreach (var partial in Directory.EnumerateDirectories(cacheDirectory, "*" + PartialSuffix, SearchOption.AllDirectories).ToList())
        {
            log.Info($"content cache: removing the interrupted download {partial}");
            Directory.Delete(partial, recursive: true);
        }
    }

    /// <summary>The local folder holding the package's files, downloaded if the cache lacks this version.</summary>
    public async Task<DownloadedPackage> DownloadAsync(string packageId, Action<string> stepLog, CancellationToken cancellationToken)
    {
        ContentLocation location;
        try
        {
            location = await ServerCalls.UntilDeliveredAsync(ct => api.GetContentLocationAsync(packageId, ct), $"locate package {packageId}", log, cancellationToken);
        }
        catch (ApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new ContentNotAvailableException(packageId, $"package {packageId} does not exist on the site");
        }

        var folder = Path.Combine(cacheDirectory, ServerId.AsFileName(location.PackageId, "package id"), location.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (File.Exists(Path.Combine(folder, CompleteMarker)))
        {
            stepLog($"package {location.PackageId} '{location.Name}' version {location.Version} is in the cache");
            return new DownloadedPackage(location, folder);
        }

        if (location.DistributionPoints.Count == 0)
        {
            throw new ContentNotAvailableException(location.PackageId,
                $"package {location.PackageId} '{location.Name}' version {location.Version} is not on any distribution point yet: distribute it, then resume the run");
        }

        var failures = new List<string>();
        foreach (var source in location.DistributionPoints)
        {
            var staging = folder + PartialSuffix;
            RemoveStaging(staging);
            try
            {
                long bytes = 0;
                foreach (var file in location.Files)
                {
                    bytes += await DownloadFileAsync(source, file, staging, cancellationToken);
                }

                Directory.CreateDirectory(staging);
                await File.WriteAllTextAsync(Path.Combine(staging, CompleteMarker), source.DistributionPointId, cancellationToken);
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                Directory.Move(staging, folder);
                DirectorySync.Flush(Path.GetDirectoryName(folder)!);
                stepLog($"package {location.PackageId} '{location.Name}' version {location.Version}: {location.Files.Count} files, {bytes:N0} bytes from {source.DistributionPointId} ({source.Url})");
                return new DownloadedPackage(location, folder);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                RemoveStaging(staging);
                var reason = $"{source.DistributionPointId} ({source.Url}): {e.Message}";
                failures.Add(reason);
                stepLog($"package {location.PackageId}: {reason}; trying the next distribution point");
                log.Warn($"content {location.PackageId} from {reason}");
            }
        }

        throw new ContentNotAvailableException(location.PackageId,
            $"package {location.PackageId} '{location.Name}' could not be downloaded from any distribution point: {string.Join("; ", failures)}");
    }

    private async Task<long> DownloadFileAsync(ContentSource source, ContentFile file, string staging, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(Path.Combine(staging, file.Path));
        if (!target.StartsWith(Path.GetFullPath(staging) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the package names a file outside its folder: {file.Path}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var response = await distributionPoints.GetAsync(new Uri(new Uri(source.Url.TrimEnd('/') + "/"), $"dp/v1/files/{file.Hash}"),
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{file.Path}: the distribution point answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        if (response.Content.Headers.ContentLength is { } declared && declared != file.Size)
        {
            throw new InvalidDataException($"{file.Path}: size mismatch (expected {file.Size:N0} bytes; the distribution point sends {declared:N0})");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var hash = ContentHash.CreateHasher(file.Hash);
        long length = 0;
        await using (var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                length += read;
                if (length > file.Size)
                {
                    // Stop at the declared size: a source that sends more would otherwise fill the disk before the hash says no.
                    throw new InvalidDataException($"{file.Path}: size mismatch (the distribution point sends more than the package's {file.Size:N0} bytes)");
                }

                hash.Append(buffer.AsSpan(0, read));
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await output.FlushAsync(cancellationToken);

            // The package's permission bits, so a program such as ./install.sh runs; masked again because the
            // manifest is the server's word, and setuid, setgid or sticky bits never come from content. No mode: as written.
            if (file.Mode is { } mode && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(output.SafeFileHandle, (UnixFileMode)(mode & ContentFile.PermissionBits));
            }
        }

        var actual = hash.Finish();
        if (actual != file.Hash || length != file.Size)
        {
            throw new InvalidDataException($"{file.Path}: hash mismatch (expected {file.Hash}, {file.Size:N0} bytes; got {actual}, {length:N0} bytes)");
        }

        return length;
    }

    private static void RemoveStaging(string staging)
    {
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
