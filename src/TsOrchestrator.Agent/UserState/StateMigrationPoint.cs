using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Refit;
using TsOrchestrator.Agent.Connection;
using TsOrchestrator.Agent.Handlers;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.StateMigration;

namespace TsOrchestrator.Agent.UserState;

/// <summary>
/// The server's state migration point as the user state steps reach it: requests and releases through the agent API,
/// the state itself streamed from and to a file (never held in memory whole). A server that is busy or unreachable is
/// tried again, as often and as far apart as the step says; an answer that will not change fails the step with the
/// server's own reason.
/// </summary>
internal sealed class StateMigrationPoint(IAgentApi api, HttpClient transfers, ServerChoice servers, string stagingRoot, AgentLog log)
{
    /// <summary>The run variable Request State Store sets to the store's id, which Capture, Restore and Release read.</summary>
    public const string StoreIdVariable = "OSDStateStoreID";

    /// <summary>How often Capture and Restore User State try a transfer the server did not take (they have no retry settings).</summary>
    public const int TransferAttempts = 3;

    private static readonly TimeSpan TransferRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>The local folder a requested store's state is staged in (<c>OSDStateStorePath</c>) while it is captured or restored.</summary>
    public string StagingFolder(string storeId) => Path.Combine(stagingRoot, ServerId.AsFileName(storeId, "state store id"));

    /// <summary>
    /// The store Request State Store recorded, when the step's state store location is its staging folder (a step given
    /// a location of its own works with that folder only).
    /// </summary>
    public static string? RequestedStore(StepContext context, string storePath, StateMigrationPoint? point) =>
        context.Variables.TryGetValue(StoreIdVariable, out var id) && ServerId.IsName(id.Trim()) && point is not null &&
        string.Equals(Path.TrimEndingDirectorySeparator(point.StagingFolder(id.Trim())), storePath, StringComparison.Ordinal)
            ? id.Trim()
            : null;

    public Task<StateStoreInfo> RequestAsync(StateStoreRequest request, int retries, TimeSpan delay, StepLog stepLog, CancellationToken cancellationToken) =>
        WithRetriesAsync(ct => api.RequestStateStoreAsync(request, ct), $"request a state store for {request.Purpose.ToLowerInvariant()}", retries + 1, delay, stepLog, cancellationToken);

    public Task<StateStoreInfo> ReleaseAsync(string storeId, int attempts, TimeSpan delay, StepLog stepLog, CancellationToken cancellationToken) =>
        WithRetriesAsync(ct => api.ReleaseStateStoreAsync(storeId, ct), $"release state store {storeId}", attempts, delay, stepLog, cancellationToken);

    /// <summary>Uploads the archive file as the store's state.</summary>
    public Task UploadAsync(string storeId, string archive, StepLog stepLog, CancellationToken cancellationToken) =>
        WithRetriesAsync(async ct =>
        {
            await using var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            using var content = new StreamContent(file, 1 << 16);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = file.Length;
            using var response = await transfers.PutAsync(StateUri(storeId), content, ct);
            await EnsureSuccessAsync(response, ct);
            return true;
        }, $"upload the user state to store {storeId}", TransferAttempts, TransferRetryDelay, stepLog, cancellationToken);

    /// <summary>Downloads the store's state into <paramref name="target"/>, whole or not at all.</summary>
    public Task DownloadAsync(string storeId, string target, StepLog stepLog, CancellationToken cancellationToken) =>
        WithRetriesAsync(async ct =>
        {
            var partial = target + ".partial";
            try
            {
                using var response = await transfers.GetAsync(StateUri(storeId), HttpCompletionOption.ResponseHeadersRead, ct);
                await EnsureSuccessAsync(response, ct);
                var expected = response.Content.Headers.ContentLength;
                long length;
                await using (var body = await response.Content.ReadAsStreamAsync(ct))
                await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    await body.CopyToAsync(output, ct);
                    length = output.Length;
                }

                if (expected is { } declared && declared != length)
                {
                    throw new IOException($"the state migration point sent {length:N0} of {declared:N0} bytes");
                }

                File.Move(partial, target, overwrite: true);
                return true;
            }
            finally
            {
                File.Delete(partial);
            }
        }, $"download the user state of store {storeId}", TransferAttempts, TransferRetryDelay, stepLog, cancellationToken);

    private Uri StateUri(string storeId) =>
        new(new Uri(servers.Current.AbsoluteUri.TrimEnd('/') + "/"), $"agent/v1/state-stores/{Uri.EscapeDataString(storeId)}/state");

    private async Task<T> WithRetriesAsync<T>(Func<CancellationToken, Task<T>> call, string what, int attempts, TimeSpan delay, StepLog stepLog,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (ApiException e) when (!ServerCalls.IsOutage(e, cancellationToken))
            {
                throw new StepFailedException($"could not {what}: the state migration point answered {(int)e.StatusCode}: {ProblemDetail(e.Content) ?? e.ReasonPhrase}");
            }
            catch (Exception e) when (ServerCalls.IsOutage(e, cancellationToken) || e is HttpRequestException)
            {
                if (attempt >= attempts)
                {
                    throw new StepFailedException($"could not {what}: the state migration point did not take it in {attempts} attempt(s); last: {ServerCalls.Describe(e)}");
                }

                stepLog.Line($"could not {what} ({ServerCalls.Describe(e)}); trying again in {delay.TotalSeconds:0} s (attempt {attempt + 1} of {attempts})");
                log.Warn($"state migration point: could not {what} ({ServerCalls.Describe(e)})");
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    /// <summary>A refusal fails the step at once; a 5xx or throttling is an outage, tried again.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = ProblemDetail(await response.Content.ReadAsStringAsync(cancellationToken)) ?? response.ReasonPhrase;
        if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {detail}", null, response.StatusCode);
        }

        throw new StepFailedException($"the state migration point answered {(int)response.StatusCode}: {detail}");
    }

    /// <summary>The <c>detail</c> of an RFC 9457 problem body, bounded; null when the body is not one.</summary>
    private static string? ProblemDetail(string? body)
    {
        if (string.IsNullOrEmpty(body) || body.Length > 64 * 1024)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("detail", out var detail) &&
                   detail.ValueKind == JsonValueKind.String
                ? string.Concat(detail.GetString()!.Take(1000).Select(c => char.IsControl(c) ? '?' : c))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
