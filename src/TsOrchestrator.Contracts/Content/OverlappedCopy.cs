using System.Buffers;

namespace TsOrchestrator.Contracts.Content;

/// <summary>
/// Copies a stream with two buffers, so reading the next chunk (and hashing it) overlaps writing the previous one;
/// <see cref="Stream.CopyToAsync(Stream)"/> waits for each write before it reads again. Chunks are large enough that a
/// read and a write amortise their syscalls. Every content path that moves bytes (the server's library, the agent's
/// download) copies through here, so each hashes what it writes while the write is under way.
/// </summary>
public static class OverlappedCopy
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Returns the bytes copied; every chunk goes through <paramref name="hasher"/> (when given) before it is written.</summary>
    public static Task<long> CopyAsync(Stream source, Stream target, ContentHasher? hasher, CancellationToken cancellationToken) =>
        CopyAsync(source, target, hasher, long.MaxValue, cancellationToken);

    /// <summary>
    /// Returns the bytes copied; every chunk goes through <paramref name="hasher"/> (when given) before it is written.
    /// A source longer than <paramref name="maxBytes"/> is not read to its end: the copy stops at the chunk that passes
    /// the limit, writes none of it, and returns a count above the limit for the caller to refuse.
    /// </summary>
    public static async Task<long> CopyAsync(Stream source, Stream target, ContentHasher? hasher, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var first = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var second = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var write = ValueTask.CompletedTask;
        long size = 0;
        try
        {
            var buffer = first;
            while (true)
            {
                var read = await source.ReadAtLeastAsync(buffer.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                size += read;
                if (size > maxBytes)
                {
                    break;
                }

                hasher?.Append(buffer.AsSpan(0, read));
                await write;
                write = target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                buffer = ReferenceEquals(buffer, first) ? second : first;
            }

            await write;
            return size;
        }
        catch
        {
            // A write still in flight reads its buffer: it must end before the buffer goes back to the pool.
            try
            {
                await write;
            }
            catch (Exception)
            {
                // The failure being reported is the first one.
            }

            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(first);
            ArrayPool<byte>.Shared.Return(second);
        }
    }
}
