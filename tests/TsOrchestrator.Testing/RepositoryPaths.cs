namespace TsOrchestrator.Testing;

/// <summary>Where the repository's projects are built, seen from a test's binaries (bin/&lt;configuration&gt;/net10.0/).</summary>
public static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TsOrchestrator.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("the repository root was not found above the test binaries");
        }
    }

    /// <summary>A file a project under <c>src/</c> builds, in the tests' own configuration.</summary>
    public static string Built(string project, string file)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(Root, "src", project, "bin", configuration, "net10.0", file);
    }
}
