namespace TsOrchestrator.Cli.Commands;

/// <summary>Where the templates are: beside the tool when installed, else in the repository it was built from.</summary>
internal static class TemplateFolder
{
    public static string Find()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "templates");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var inRepository = Path.Combine(dir.FullName, "workflows", "templates");
            if (Directory.Exists(inRepository))
            {
                return inRepository;
            }
        }

        throw new DirectoryNotFoundException("the templates folder was not found beside tsorch or in its repository");
    }
}
