using System.Security.Cryptography;

namespace TsOrchestrator.Contracts.Content;

/// <summary>Hashes content incrementally and names it as <see cref="ContentHash"/> does.</summary>
public sealed class ContentHasher : IDisposable
{
    private readonly Blake3.Hasher? _blake3;
    private readonly IncrementalHash? _sha256;

    private ContentHasher(Blake3.Hasher? blake3, IncrementalHash? sha256)
    {
        _blake3 = blake3;
        _sha256 = sha256;
    }

    internal static ContentHasher CreateBlake3() => new(Blake3.Hasher.New(), null);

    internal static ContentHasher CreateSha256() => new(null, IncrementalHash.CreateHash(HashAlgorithmName.SHA256));

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_blake3 is not null)
        {
            _blake3.Update(bytes);
        }
        else
        {
            _sha256!.AppendData(bytes);
        }
    }

    /// <summary>The name of the bytes appended so far; the hasher starts over.</summary>
    public string Finish()
    {
        if (_blake3 is null)
        {
            return Convert.ToHexStringLower(_sha256!.GetHashAndReset());
        }

        Span<byte> digest = stackalloc byte[32];
        _blake3.Finalize(digest);
        _blake3.Reset();
        return ContentHash.Blake3Prefix + Convert.ToHexStringLower(digest);
    }

    public void Dispose()
    {
        _blake3?.Dispose();
        _sha256?.Dispose();
    }
}
