using System.Buffers.Binary;
using System.Globalization;
using System.Reflection.PortableExecutable;
using System.Text;

namespace TsOrchestrator.Agent.Conditions;

/// <summary>
/// The file version a PE file (exe, dll, sys) carries in its version resource: the <c>VS_FIXEDFILEINFO</c> of its
/// <c>RT_VERSION</c> resource, the number Windows Explorer shows as "File version". Read from the file's bytes, so it
/// works on any platform (.NET's <c>FileVersionInfo</c> reads the resource only on Windows).
/// </summary>
internal static class PeVersionResource
{
    private const int VersionResourceType = 16; // RT_VERSION
    private const uint FixedFileInfoSignature = 0xFEEF04BD;
    private const string VersionInfoKey = "VS_VERSION_INFO";

    /// <summary>The file's version ("10.0.19041.1"), or null with the reason it has none.</summary>
    public static string? Read(string path, out string? reason)
    {
        reason = null;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Span<byte> magic = stackalloc byte[2];
        if (stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) < 2 || magic[0] != 'M' || magic[1] != 'Z')
        {
            reason = "it is not a PE file (exe or dll), and only PE files carry a version resource";
            return null;
        }

        stream.Position = 0;
        try
        {
            using var pe = new PEReader(stream, PEStreamOptions.LeaveOpen);
            var directory = pe.PEHeaders.PEHeader?.ResourceTableDirectory ?? default;
            if (directory.Size == 0 || Resource(pe, directory.RelativeVirtualAddress) is not { } resource)
            {
                reason = "the PE file has no version resource";
                return null;
            }

            return FixedFileVersion(resource) ?? Fail(out reason, "the PE file's version resource holds no fixed file information");
        }
        catch (BadImageFormatException ex)
        {
            reason = $"it is not a readable PE file ({ex.Message})";
            return null;
        }
    }

    private static string? Fail(out string? reason, string why)
    {
        reason = why;
        return null;
    }

    /// <summary>The first RT_VERSION resource's bytes: type directory → name → language → data entry.</summary>
    private static byte[]? Resource(PEReader pe, int rootRva)
    {
        var root = pe.GetSectionData(rootRva).GetContent().AsSpan().ToArray();
        if (Entry(root, 0, VersionResourceType) is not { } names ||
            Entry(root, names, id: null) is not { } languages ||
            Entry(root, languages, id: null, leaf: true) is not { } data ||
            data + 8 > root.Length)
        {
            return null;
        }

        var dataRva = BinaryPrimitives.ReadInt32LittleEndian(root.AsSpan(data));
        var size = BinaryPrimitives.ReadInt32LittleEndian(root.AsSpan(data + 4));
        var bytes = pe.GetSectionData(dataRva).GetContent().AsSpan().ToArray();
        return size <= 0 || size > bytes.Length ? null : bytes.AsSpan(0, size).ToArray();
    }

    /// <summary>
    /// In the resource directory at <paramref name="offset"/>, the target of the first entry with the id wanted (any
    /// entry when none is): a subdirectory, or for a <paramref name="leaf"/> a data entry.
    /// </summary>
    private static int? Entry(byte[] root, int offset, int? id, bool leaf = false)
    {
        if (offset < 0 || offset + 16 > root.Length)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(root.AsSpan(offset + 12)) + BinaryPrimitives.ReadUInt16LittleEndian(root.AsSpan(offset + 14));
        for (var at = offset + 16; at + 8 <= root.Length && at < offset + 16 + (count * 8); at += 8)
        {
            var name = BinaryPrimitives.ReadUInt32LittleEndian(root.AsSpan(at));
            var target = BinaryPrimitives.ReadUInt32LittleEndian(root.AsSpan(at + 4));
            var isDirectory = (target & 0x8000_0000) != 0;
            if ((id is null || name == (uint)id) && isDirectory != leaf)
            {
                return (int)(target & 0x7FFF_FFFF);
            }
        }

        return null;
    }

    /// <summary>VS_VERSIONINFO: length, value length, type, the UTF-16 key, padding to 32 bits, then VS_FIXEDFILEINFO.</summary>
    private static string? FixedFileVersion(byte[] info)
    {
        const int keyOffset = 6;
        var keyBytes = (VersionInfoKey.Length + 1) * 2;
        if (info.Length < keyOffset + keyBytes ||
            Encoding.Unicode.GetString(info, keyOffset, VersionInfoKey.Length * 2) != VersionInfoKey)
        {
            return null;
        }

        const int fixedInfoLength = 52; // thirteen 32-bit fields
        var fixedInfo = (keyOffset + keyBytes + 3) & ~3;
        if (BinaryPrimitives.ReadUInt16LittleEndian(info.AsSpan(2)) < fixedInfoLength || fixedInfo + fixedInfoLength > info.Length ||
            BinaryPrimitives.ReadUInt32LittleEndian(info.AsSpan(fixedInfo)) != FixedFileInfoSignature)
        {
            return null;
        }

        var high = BinaryPrimitives.ReadUInt32LittleEndian(info.AsSpan(fixedInfo + 8));
        var low = BinaryPrimitives.ReadUInt32LittleEndian(info.AsSpan(fixedInfo + 12));
        return string.Create(CultureInfo.InvariantCulture, $"{high >> 16}.{high & 0xFFFF}.{low >> 16}.{low & 0xFFFF}");
    }
}
