using System.Globalization;
using TsOrchestrator.Agent.Disks;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>Applies one image of a WIM file with wimlib's <c>wimapply</c> (Debian's wimtools), UNIX owners and modes kept.</summary>
internal static class WimImages
{
    public static async Task ApplyAsync(string wim, int index, string folder, StepLog log, CancellationToken cancellationToken)
    {
        var info = await SystemTool.TryRunAsync("wiminfo", "wimtools", [wim], log, cancellationToken);
        if (info.ExitCode != 0)
        {
            throw new StepFailedException($"the image {wim} is not a readable WIM file: {info.Error.Trim()}");
        }

        var count = info.Output.Split('\n').Select(line => line.Split(':', 2)).Where(parts => parts.Length == 2 && parts[0].Trim() == "Image Count")
            .Select(parts => int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).FirstOrDefault();
        if (index < 1 || index > count)
        {
            throw new StepFailedException($"ImageIndex: the WIM file {wim} holds {count} image(s), there is no image {index}");
        }

        // --check verifies the WIM's integrity table when it has one, so a damaged file fails before its files land.
        await SystemTool.RunAsync("wimapply", "wimtools", [wim, index.ToString(CultureInfo.InvariantCulture), folder, "--unix-data", "--check"], log, cancellationToken);
    }
}
