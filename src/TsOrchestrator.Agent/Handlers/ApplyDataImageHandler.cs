using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Domain.Catalog;

namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// Apply Data Image: an image (see <see cref="ImageApplier"/>) applied as data to a partition the agent mounts
/// (<see cref="ImageDestinations"/>; "next partition" skips the target system). <c>WipePartition</c> (default true)
/// deletes what the partition held first, as ConfigMgr's "Delete all content on the partition before applying".
/// </summary>
internal sealed class ApplyDataImageHandler(Func<string, long>? freeSpace = null) : IStepHandler
{
    private readonly ImageApplier _applier = new(freeSpace);

    public string TypeId => StepTypeIds.ApplyDataImage;

    public async Task<WorkItemResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var image = ImageApplier.FindImage(context);
        var target = await ImageDestinations.ResolveAsync(context, "Apply Data Image", dataImage: true, cancellationToken);
        var wipe = !(context.Settings.TryGetValue("WipePartition", out var wipeSetting) && bool.TryParse(wipeSetting, out var flag) && !flag);
        await _applier.ApplyAsync(context, image, target.Folder, wipe, cancellationToken);
        return new WorkItemResult { ExitCode = 0 };
    }
}
