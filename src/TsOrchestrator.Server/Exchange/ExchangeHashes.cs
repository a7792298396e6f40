using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Domain.Serialization;

namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// Content hashes that find an imported object already on the server under another id: what the object is,
/// not where it sits (id, version and folder are left out) nor its secrets (an export never has them).
/// </summary>
public static class ExchangeHashes
{
    public static string Sequence(TaskSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var (stripped, _) = SecretStripping.Strip(sequence);
        return Sha256(NativeFormat.SerializeToUtf8(stripped with { Id = "-", Version = 1, Folder = null }));
    }

    public static string Package(string type, IEnumerable<ContentFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var text = new StringBuilder(type).Append('\n');
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            // A mode only when there is one, so content without modes keeps the hash it had before modes were kept.
            text.Append(CultureInfo.InvariantCulture, $"{file.Path}\t{file.Size}\t{file.Hash}");
            if (file.Mode is { } mode)
            {
                text.Append(CultureInfo.InvariantCulture, $"\t{mode}");
            }

            text.Append('\n');
        }

        return Sha256(Encoding.UTF8.GetBytes(text.ToString()));
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
