namespace TsOrchestrator.Content.Uploads;

/// <summary>
/// Reads through to another stream and counts what actually comes out of it, failing the moment a limit is passed:
/// how an upload or a zip entry is bounded while it expands, whatever its headers claim.
/// </summary>
public sealed class BoundedStream(Stream inner, long limit, Func<long, Exception> tooLarge) : ForwardReadStream
{
    public long BytesRead { get; private set; }

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    private int Count(int read)
    {
        BytesRead += read;
        return BytesRead > limit ? throw tooLarge(limit) : read;
    }
}
