using System.Security.Cryptography;
using System.Text;

namespace TsOrchestrator.Agent.TargetSystem;

/// <summary>
/// SHA-512 crypt (<c>$6$</c>), the password hash glibc and /etc/shadow use, computed here so that the password never
/// appears on a command line or in another process (Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512").
/// </summary>
internal static class ShaCrypt
{
    private const int Rounds = 5000;
    private const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The order in which the digest's bytes are encoded, three at a time (the specification's table).</summary>
    private static readonly int[] Order =
    [
        0, 21, 42, 22, 43, 1, 44, 2, 23, 3, 24, 45, 25, 46, 4, 47, 5, 26, 6, 27, 48, 28, 49, 7, 50, 8, 29, 9, 30, 51, 31, 52, 10,
        53, 11, 32, 12, 33, 54, 34, 55, 13, 56, 14, 35, 15, 36, 57, 37, 58, 16, 59, 17, 38, 18, 39, 60, 40, 61, 19, 62, 20, 41,
    ];

    /// <summary>A new salt of 16 characters from the crypt alphabet.</summary>
    public static string NewSalt() => RandomNumberGenerator.GetString(Alphabet, 16);

    public static string Hash(string password, string salt)
    {
        var key = Encoding.UTF8.GetBytes(password);
        var saltBytes = Encoding.UTF8.GetBytes(salt.Length > 16 ? salt[..16] : salt);
        try
        {
            return $"$6${Encoding.UTF8.GetString(saltBytes)}${Encode(Digest(key, saltBytes))}";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] Digest(byte[] key, byte[] salt)
    {
        var alternate = SHA512.HashData([.. key, .. salt, .. key]);

        using var a = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        a.AppendData(key);
        a.AppendData(salt);
        for (var count = key.Length; count > 0; count -= 64)
        {
            a.AppendData(alternate, 0, Math.Min(count, 64));
        }

        for (var bits = key.Length; bits > 0; bits >>= 1)
        {
            a.AppendData((bits & 1) != 0 ? alternate : key);
        }

        var result = a.GetHashAndReset();

        using var dp = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        for (var i = 0; i < key.Length; i++)
        {
            dp.AppendData(key);
        }

        var pSequence = Repeat(dp.GetHashAndReset(), key.Length);

        using var ds = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        for (var i = 0; i < 16 + result[0]; i++)
        {
            ds.AppendData(salt);
        }

        var sSequence = Repeat(ds.GetHashAndReset(), salt.Length);

        using var c = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        for (var round = 0; round < Rounds; round++)
        {
            c.AppendData((round & 1) != 0 ? pSequence : result);
            if (round % 3 != 0)
            {
                c.AppendData(sSequence);
            }

            if (round % 7 != 0)
            {
                c.AppendData(pSequence);
            }

            c.AppendData((round & 1) != 0 ? result : pSequence);
            result = c.GetHashAndReset();
        }

        CryptographicOperations.ZeroMemory(pSequence);
        return result;
    }

    private static byte[] Repeat(byte[] digest, int length)
    {
        var sequence = new byte[length];
        for (var i = 0; i < length; i++)
        {
            sequence[i] = digest[i % digest.Length];
        }

        return sequence;
    }

    private static string Encode(byte[] digest)
    {
        var text = new StringBuilder(86);
        for (var i = 0; i < Order.Length; i += 3)
        {
            Append(text, (digest[Order[i]] << 16) | (digest[Order[i + 1]] << 8) | digest[Order[i + 2]], 4);
        }

        Append(text, digest[63], 2);
        return text.ToString();
    }

    private static void Append(StringBuilder text, int value, int characters)
    {
        for (var i = 0; i < characters; i++)
        {
            text.Append(Alphabet[value & 0x3f]);
            value >>= 6;
        }
    }
}
