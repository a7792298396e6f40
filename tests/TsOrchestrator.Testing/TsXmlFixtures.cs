using Xunit;

namespace TsOrchestrator.Testing;

/// <summary>
/// The real ConfigMgr and MDT task sequences in <c>../shared/fixtures/ts-xml</c> beside the repository. They are
/// other people's files: read in place, never copied into the repository.
/// </summary>
public static class TsXmlFixtures
{
    /// <summary>The theory row that stands for "no fixtures here": a test given it says so and checks nothing.</summary>
    public const string Absent = "(fixtures folder absent)";

    /// <summary>The folder, or null when the repository has no <c>../shared</c> beside it.</summary>
    public static string? Folder { get; } = Find();

    /// <summary>Each fixture's file name, for <c>[MemberData]</c>; one <see cref="Absent"/> row when there are none.</summary>
    public static TheoryData<string> FileNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in Folder is null ? Enumerable.Empty<string>() : Directory.EnumerateFiles(Folder, "*.xml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        if (data.Count == 0)
        {
            data.Add(Absent);
        }

        return data;
    }

    public static string PathOf(string fileName) => Path.Combine(Folder ?? throw new DirectoryNotFoundException("../shared/fixtures/ts-xml"), fileName);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TsOrchestrator.sln")))
            {
                var fixtures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures", "ts-xml"));
                return Directory.Exists(fixtures) ? fixtures : null;
            }
        }

        return null;
    }
}
