using System.Buffers;

namespace TsOrchestrator.Contracts.Content;

/// <summary>
/// Content files are named by their hash: <c>blake3-</c> and 64 lower-case hex digits (BLAKE3, 256 bits). BLAKE3
/// rather than SHA-256 because every content path hashes every byte it moves and must keep up with a file copy:
/// SHA-256 runs at about half a page-cache copy per core, BLAKE3 faster than the copy. A bare 64-digit hex name is
/// SHA-256, what libraries, exports and prestaged files written before BLAKE3 hold; it is still verified as such.
/// </summary>
public static class ContentHash
{
    public const string Blake3Prefix = "blake3-";

    private const int DigestHexLength = 64;

    /// <summary>True for a BLAKE3 name or a legacy SHA-256 name, lower-case hex only (names are also file names).</summary>
    public static bool IsValid(string? value) => value switch
    {
        { Length: DigestHexLength } => IsLowerHex(value),
        { Length: > DigestHexLength } when value.StartsWith(Blake3Prefix, StringComparison.Ordinal)
            && value.Length == Blake3Prefix.Length + DigestHexLength => IsLowerHex(value.AsSpan(Blake3Prefix.Length)),
        _ => false,
    };

    /// <summary>The hex digits without the algorithm's name: the content library shards folders by their first two.</summary>
    public static ReadOnlySpan<char> DigestOf(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return hash.StartsWith(Blake3Prefix, StringComparison.Ordinal) ? hash.AsSpan(Blake3Prefix.Length) : hash.AsSpan();
    }

    /// <summary>
    /// A hasher for new content (BLAKE3), or for checking bytes against <paramref name="expected"/> in that name's
    /// algorithm, so content named before BLAKE3 still verifies.
    /// </summary>
    public static ContentHasher CreateHasher(string? expected = null) =>
        expected is { Length: DigestHexLength } ? ContentHasher.CreateSha256() : ContentHasher.CreateBlake3();

    public static string Compute(ReadOnlySpan<byte> bytes)
    {
        using var hasher = CreateHasher();
        hasher.Append(bytes);
        return hasher.Finish();
    }

    /// <summary>Hashes a stream to its end in the algorithm of <paramref name="expected"/> (BLAKE3 when null).</summary>
    public static async Task<string> ComputeAsync(Stream stream, string? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hasher = CreateHasher(expected);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return hasher.Finish();
    }

    private static bool IsLowerHex(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
