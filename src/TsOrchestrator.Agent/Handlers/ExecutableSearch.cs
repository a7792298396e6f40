namespace TsOrchestrator.Agent.Handlers;

/// <summary>Finds a program on the PATH, as a shell would.</summary>
internal static class ExecutableSearch
{
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
