using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TsOrchestrator.Server.StateMigration;

/// <summary>
/// User state at rest: AES-256-GCM over 1 MiB chunks, so a state of many gigabytes streams through in both
/// directions without being held whole. The file starts with <c>TSSS1</c>; each chunk is a flag byte (1 on the last),
/// its plain length (4 bytes) and its ciphertext and tag. The nonce is the chunk's number, which is safe because every
/// upload has a key of its own; the chunk number and the flag are authenticated, so chunks cannot be reordered,
/// dropped or cut off at the end without the read failing.
/// </summary>
public static class StateCipher
{
    public const int KeyBytes = 32;
    private const int ChunkBytes = 1 << 20;
    private const int TagBytes = 16;
    private static readonly byte[] Magic = "TSSS1"u8.ToArray();

    /// <summary>Encrypts <paramref name="plain"/> to <paramref name="sealedOutput"/>; returns the plain length.</summary>
    public static async Task<long> EncryptAsync(Stream plain, Stream sealedOutput, byte[] key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentNullException.ThrowIfNull(sealedOutput);
        using var aes = new AesGcm(key, TagBytes);
        await sealedOutput.WriteAsync(Magic, cancellationToken);
        var current = new byte[ChunkBytes];
        var next = new byte[ChunkBytes];
        var cipher = new byte[ChunkBytes];
        var header = new byte[5];
        var tag = new byte[TagBytes];
        var length = await FillAsync(plain, current, cancellationToken);
        long total = 0;
        for (ulong index = 0; ; index++)
        {
            // Read ahead one chunk: only then is it known whether this one is the last.
            var nextLength = length == ChunkBytes ? await FillAsync(plain, next, cancellationToken) : 0;
            var last = nextLength == 0;
            header[0] = last ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(1), length);
            aes.Encrypt(Nonce(index), current.AsSpan(0, length), cipher.AsSpan(0, length), tag, Associated(index, last));
            await sealedOutput.WriteAsync(header, cancellationToken);
            await sealedOutput.WriteAsync(cipher.AsMemory(0, length), cancellationToken);
            await sealedOutput.WriteAsync(tag, cancellationToken);
            total += length;
            if (last)
            {
                return total;
            }

            (current, next) = (next, current);
            length = nextLength;
        }
    }

    /// <summary>
    /// Decrypts to <paramref name="plainOutput"/>, chunk by chunk. A damaged, truncated or foreign file throws
    /// <see cref="CryptographicException"/> at the first chunk that does not hold; what was written before it stands.
    /// </summary>
    public static async Task<long> DecryptAsync(Stream sealedInput, Stream plainOutput, byte[] key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sealedInput);
        ArgumentNullException.ThrowIfNull(plainOutput);
        using var aes = new AesGcm(key, TagBytes);
        var magic = new byte[Magic.Length];
        if (await FillAsync(sealedInput, magic, cancellationToken) != Magic.Length || !magic.AsSpan().SequenceEqual(Magic))
        {
            throw new CryptographicException("the state file is not an encrypted user state");
        }

        var header = new byte[5];
        var cipher = new byte[ChunkBytes];
        var plain = new byte[ChunkBytes];
        var tag = new byte[TagBytes];
        long total = 0;
        for (ulong index = 0; ; index++)
        {
            if (await FillAsync(sealedInput, header, cancellationToken) != header.Length)
            {
                throw new CryptographicException("the state file ends before its last chunk");
            }

            var last = header[0] == 1;
            var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(1));
            if (header[0] > 1 || length is < 0 or > ChunkBytes ||
                await FillAsync(sealedInput, cipher.AsMemory(0, length), cancellationToken) != length ||
                await FillAsync(sealedInput, tag, cancellationToken) != TagBytes)
            {
                throw new CryptographicException("the state file is damaged or cut short");
            }

            aes.Decrypt(Nonce(index), cipher.AsSpan(0, length), tag, plain.AsSpan(0, length), Associated(index, last));
            await plainOutput.WriteAsync(plain.AsMemory(0, length), cancellationToken);
            total += length;
            if (last)
            {
                return await sealedInput.ReadAsync(header.AsMemory(0, 1), cancellationToken) == 0
                    ? total
                    : throw new CryptographicException("the state file goes on after its last chunk");
            }
        }
    }

    private static byte[] Nonce(ulong index)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(4), index);
        return nonce;
    }

    private static byte[] Associated(ulong index, bool last)
    {
        var data = new byte[9];
        BinaryPrimitives.WriteUInt64BigEndian(data, index);
        data[8] = last ? (byte)1 : (byte)0;
        return data;
    }

    private static async Task<int> FillAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[filled..], cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
