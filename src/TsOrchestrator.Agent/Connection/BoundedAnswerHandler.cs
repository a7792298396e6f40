namespace TsOrchestrator.Agent.Connection;

/// <summary>
/// Reads each API answer's body into memory up to <paramref name="maxBytes"/> and refuses a larger one: by its declared
/// length before reading, else at the first byte past the limit. Without it a 200 MB body took 1.5 GB of the agent's
/// memory on its way through the JSON reader. Content downloads do not come through here: they stream to disk.
/// </summary>
internal sealed class BoundedAnswerHandler(long maxBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
            {
                throw TooLarge(request, $"declares {declared:N0} bytes");
            }

            using var buffer = new MemoryStream();
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            {
                var chunk = new byte[81_920];
                int read;
                while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    if (buffer.Length + read > maxBytes)
                    {
                        throw TooLarge(request, "goes on past it");
                    }

                    buffer.Write(chunk, 0, read);
                }
            }

            var bounded = new ByteArrayContent(buffer.ToArray());
            foreach (var (name, values) in response.Content.Headers)
            {
                bounded.Headers.TryAddWithoutValidation(name, values);
            }

            bounded.Headers.ContentLength = buffer.Length;
            response.Content.Dispose();
            response.Content = bounded;
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private ServerAnswerException TooLarge(HttpRequestMessage request, string how) =>
        new($"the answer to {request.Method} {request.RequestUri?.AbsolutePath} is larger than the agent reads ({maxBytes:N0} bytes): it {how}");
}
