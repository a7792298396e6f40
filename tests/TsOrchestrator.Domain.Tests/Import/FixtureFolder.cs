namespace TsOrchestrator.Domain.Tests.Import;

/// <summary>
/// The real ConfigMgr and MDT files in <c>../shared/fixtures/ts-xml</c> beside the repository. They are
/// other people's files: read in place, never copied into the repository.
/// </summary>
internal static class FixtureFolder
{
    public static string? Path { get; } = Find();

    public static IEnumerable<string> Files =>
        Path is null ? [] : Directory.EnumerateFiles(Path, "*.xml").Order(StringComparer.Ordinal);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TsOrchestrator.sln")))
            {
                var fixtures = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "fixtures", "ts-xml"));
                return Directory.Exists(fixtures) ? fixtures : null;
            }
        }

        return null;
    }
}
