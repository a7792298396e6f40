using System.Buffers;
using TsOrchestrator.Contracts.Content;

namespace TsOrchestrator.Content;

/// <summary>
/// Copies a stream with two buffers, so reading the next chunk (and hashing it) overlaps writing the previous one;
/// <see cref="Stream.CopyToAsync(Stream)"/> waits for each write before it reads again. Chunks are large enough that a
/// read and a write amortise their syscalls.
/// </summary>
internal static class OverlappedCopy
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Returns the bytes copied; every chunk goes through <paramref name="hasher"/> (when given) before it is written.</summary>
    public static async Task<long> CopyAsync(Stream source, Stream target, ContentHasher? hasher, CancellationToken cancellationToken)
    {
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

                hasher?.Append(buffer.AsSpan(0, read));
                size += read;
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
