using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace TsOrchestrator.Server.Tests.Security;

/// <summary>
/// Raw uploads for the import route: archives that lie (entry names leaving the folder, truncated, a declared size
/// larger than the bytes) and XML that attacks its reader (external entities, NUL, nesting a serializer survives).
/// XML nested deeply enough to overflow the stack is left to the parser's own tests: it would end this process.
/// </summary>
internal static class HostileUploads
{
    public static IEnumerable<(string Case, string FileName, byte[] Bytes)> All()
    {
        yield return ("zip entry leaving the folder", "fuzz.zip", Zip(("../../../evil.txt", "x"), ("manifest.json", "{}")));
        yield return ("zip with absolute entry", "fuzz.zip", Zip(("/etc/evil.txt", "x")));
        yield return ("empty zip", "fuzz.zip", Zip());
        var whole = Zip(("manifest.json", "{\"formatVersion\":2,\"objects\":[]}"), ("task-sequences/TS1.tsq.json", "{}"));
        yield return ("truncated zip", "fuzz.zip", whole[..(whole.Length / 2)]);
        yield return ("manifest not json", "fuzz.zip", Zip(("manifest.json", "{\"formatVersion\":")));
        yield return ("manifest of wrong types", "fuzz.zip", Zip(("manifest.json", "{\"formatVersion\":\"two\",\"objects\":{}}")));
        yield return ("tar entry leaving the folder", "fuzz.tar", Tar("../../evil.txt", 16));
        yield return ("xml external entity", "fuzz.xml", Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><SmsTaskSequencePackage><Name>&e;</Name></SmsTaskSequencePackage>"));
        yield return ("xml entity expansion", "fuzz.xml", Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><sequence>&c;</sequence>"));
        yield return ("xml NUL reference", "fuzz.xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><sequence><step name=\"&#0;\"/></sequence>"));
        yield return ("xml truncated", "fuzz.xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><sequence><group name=\"a\">"));
        yield return ("xml groups 200 deep", "fuzz.xml", Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\"?><sequence>" + string.Concat(Enumerable.Repeat("<group name=\"g\">", 200)) + string.Concat(Enumerable.Repeat("</group>", 200)) + "</sequence>"));
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }

    private static byte[] Tar(string name, int size)
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(new byte[size]) });
        }

        return buffer.ToArray();
    }
}
