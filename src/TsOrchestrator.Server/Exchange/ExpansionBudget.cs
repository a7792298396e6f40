using System.IO.Compression;
using TsOrchestrator.Server.Problems;

namespace TsOrchestrator.Server.Exchange;

/// <summary>
/// What the entries of one zip may expand to together. Each entry is read through a <see cref="BoundedStream"/> with
/// what is left, so a zip bomb is stopped by the bytes it actually produces, not by the sizes its headers claim.
/// </summary>
public sealed class ExpansionBudget(long limit)
{
    private readonly long _limit = limit;
    private long _left = limit;

    public async Task<byte[]> ReadAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        try
        {
            await using var stream = await entry.OpenAsync(cancellationToken);
            var bounded = new BoundedStream(stream, _left, _ => Problem.BadRequest("file",
                $"the zip expands to more than {_limit} bytes (at {entry.FullName}): refused as a zip bomb"));
            await bounded.CopyToAsync(buffer, 81920, cancellationToken);
            _left -= bounded.BytesRead;
        }
        catch (InvalidDataException e)
        {
            throw Problem.BadRequest("file", $"{entry.FullName} in the zip cannot be read ({e.Message}): the file is corrupt or truncated");
        }

        return buffer.ToArray();
    }
}
