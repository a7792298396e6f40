using System.Runtime.Versioning;
using System.Security.Cryptography;
using TsOrchestrator.Agent.Handlers;

namespace TsOrchestrator.Agent.Tests.Handlers;

/// <summary>What a folder holds, for comparing two trees: each path's type, content hash or link target, mode and time.</summary>
[SupportedOSPlatform("linux")]
internal static class TreeSnapshot
{
    public static SortedDictionary<string, string> Of(string root, bool withTimes = true, int timeGranularitySeconds = 1)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in TreeWalker.Walk(root, null, (folder, ex) => throw ex))
        {
            var kind = entry.Kind;
            string facts = kind switch
            {
                UnixFileKind.Regular => "file " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry.FullPath))),
                UnixFileKind.SymbolicLink => "link -> " + new FileInfo(entry.FullPath).LinkTarget,
                _ => kind.ToString(),
            };
            if (kind is UnixFileKind.Regular or UnixFileKind.Directory)
            {
                facts += " mode " + File.GetUnixFileMode(entry.FullPath);
                if (withTimes)
                {
                    var seconds = new DateTimeOffset(File.GetLastWriteTimeUtc(entry.FullPath)).ToUnixTimeSeconds();
                    facts += " time " + (seconds / timeGranularitySeconds);
                }
            }

            snapshot[entry.RelativePath] = facts;
        }

        return snapshot;
    }
}
