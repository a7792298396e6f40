namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Reads a tar stream through, remembering how many zero bytes it ended with. A tar archive ends with two zero blocks;
/// the BCL's reader treats a stream that simply stops between entries as a complete archive, and gzip in the BCL does
/// not notice a missing trailer, so a truncated image would otherwise apply as a partial system without a word.
/// </summary>
internal sealed class EndMarkerStream(Stream inner) : Stream
{
    private const int EndMarkerBytes = 1024;
    private long _trailingZeros;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Reads what is left (padding, the compressor's trailer) and says whether the archive ended as tar ends.</summary>
    public bool EndsWithEndMarker()
    {
        var buffer = new byte[64 * 1024];
        while (Read(buffer, 0, buffer.Length) > 0)
        {
        }

        return _trailingZeros >= EndMarkerBytes;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        var data = buffer[..read];
        var lastNonZero = data.LastIndexOfAnyExcept((byte)0);
        _trailingZeros = lastNonZero < 0 ? _trailingZeros + read : read - lastNonZero - 1;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
