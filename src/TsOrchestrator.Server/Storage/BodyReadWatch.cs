using TsOrchestrator.Content.Uploads;

namespace TsOrchestrator.Server.Storage;

/// <summary>The request body, noting whether anything read from it: a call that streamed its body cannot be run again.</summary>
internal sealed class BodyReadWatch(Stream body) : ForwardReadStream
{
    public bool WasRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        WasRead = true;
        return body.Read(buffer, offset, count);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        WasRead = true;
        return body.ReadAsync(buffer, cancellationToken);
    }
}
