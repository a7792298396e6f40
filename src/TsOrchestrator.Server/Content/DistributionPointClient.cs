using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Server.Content;

/// <summary>
/// Copies a package version to a remote distribution point: asks which files it lacks, PUTs each by
/// hash (the DP hashes what it receives and refuses a mismatch), then sends the manifest.
/// </summary>
public sealed class DistributionPointClient(HttpClient http, ContentLibrary library)
{
    public const string HttpClientName = "DistributionPoints";
    private const int ParallelFiles = 4;

    /// <summary>Returns how many bytes were sent; files the DP already had are skipped.</summary>
    public async Task<long> CopyAsync(Uri baseUrl, string accessKey, PackageManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(manifest);
        var hashes = manifest.Files.Select(f => f.Hash).Distinct(StringComparer.Ordinal).ToList();
        using var ask = Request(HttpMethod.Post, baseUrl, "dp/v1/files/missing", accessKey);
        ask.Content = JsonContent.Create(hashes, options: JsonSerializerOptions.Web);
        using var answer = await http.SendAsync(ask, cancellationToken);
        await EnsureAsync(answer, "asking which files it lacks", cancellationToken);
        var missing = await answer.Content.ReadFromJsonAsync<List<string>>(JsonSerializerOptions.Web, cancellationToken) ?? [];

        // A few files at once: many small files are latency-bound, and the DP hashes one while it receives another.
        long sent = 0;
        await Parallel.ForEachAsync(missing.Where(hashes.Contains), new ParallelOptions { MaxDegreeOfParallelism = ParallelFiles, CancellationToken = cancellationToken },
            async (hash, token) =>
            {
                if (!library.Has(hash))
                {
                    throw new DistributionPointException($"file {hash} of package {manifest.PackageId} version {manifest.Version} is missing from the site's content library");
                }

                await using var file = library.OpenRead(hash);
                using var put = Request(HttpMethod.Put, baseUrl, $"dp/v1/files/{hash}", accessKey);
                put.Content = new StreamContent(file, 1 << 20);
                put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                put.Content.Headers.ContentLength = file.Length;
                using var stored = await http.SendAsync(put, token);
                await EnsureAsync(stored, $"storing file {hash}", token);
                Interlocked.Add(ref sent, file.Length);
            });

        using var register = Request(HttpMethod.Put, baseUrl, $"dp/v1/packages/{manifest.PackageId}/versions/{manifest.Version}", accessKey);
        register.Content = JsonContent.Create(manifest, options: JsonSerializerOptions.Web);
        using var registered = await http.SendAsync(register, cancellationToken);
        await EnsureAsync(registered, "recording the package manifest", cancellationToken);
        return sent;
    }

    /// <summary>Asks the DP to re-hash a package version's files; returns those it found corrupt or missing (and quarantined).</summary>
    public async Task<IReadOnlyList<ContentFile>> ValidateAsync(Uri baseUrl, string accessKey, string packageId, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var ask = Request(HttpMethod.Post, baseUrl, $"dp/v1/packages/{packageId}/versions/{version}/validate", accessKey);
        using var answer = await http.SendAsync(ask, cancellationToken);
        await EnsureAsync(answer, "validating content", cancellationToken);
        return await answer.Content.ReadFromJsonAsync<List<ContentFile>>(JsonSerializerOptions.Web, cancellationToken) ?? [];
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri baseUrl, string path, string accessKey)
    {
        var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessKey);
        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string doing, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var detail = body;
            try
            {
                using var problem = JsonDocument.Parse(body);
                detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? body : body;
            }
            catch (JsonException)
            {
                // Not a problem document: report the body as it came.
            }

            var status = (int)response.StatusCode;
            throw new DistributionPointException($"the distribution point answered {status} {doing}: {detail}", transient: status is >= 500 or 408 or 429);
        }
    }
}
