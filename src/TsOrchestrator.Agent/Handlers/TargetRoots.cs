namespace TsOrchestrator.Agent.Handlers;

/// <summary>The agent's configured target root, the folder the image steps apply to and capture from.</summary>
internal static class TargetRoots
{
    public static string Require(StepContext context, string step)
    {
        if (context.Options.TargetRoot is not { Length: > 0 } configured)
        {
            throw new StepFailedException($"{step} needs the agent's target root: start the agent with --target-root (TSORCH_AGENT_TARGET_ROOT) naming the folder the image is applied to");
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(configured));
        if (root == Path.GetPathRoot(root))
        {
            throw new StepFailedException($"the target root {root} is the file system's root: refused, the step would replace the running system");
        }

        // Directory.Exists follows a link: a target root may well be a link to where the disk is mounted.
        if (!Directory.Exists(root))
        {
            throw new StepFailedException($"the target root {root} does not exist (or is not a folder)");
        }

        return root;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies under it (both full paths).</summary>
    public static bool IsAtOrUnder(string path, string folder)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        path = Path.TrimEndingDirectorySeparator(path);
        folder = Path.TrimEndingDirectorySeparator(folder);
        return path.Equals(folder, comparison) || path.StartsWith(folder + Path.DirectorySeparatorChar, comparison);
    }
}
