namespace TsOrchestrator.Designer.Components.Sequences;

/// <summary>One choice of the Create Task Sequence wizard: the server template it starts from.</summary>
public sealed record TemplateKind(string Template, string Title, string Description)
{
    /// <summary>The wizard's five kinds, as Configuration Manager's wizard offers them.</summary>
    public static IReadOnlyList<TemplateKind> All { get; } =
    [
        new("install-os", "Install an existing image package", "Partition the disk, apply an operating system image, drivers and settings, and install software."),
        new("upgrade-os", "Upgrade an operating system from an upgrade package", "In-place upgrade of Windows from an upgrade package, keeping applications and data."),
        new("build-capture", "Build and capture a reference operating system image", "Install a reference machine, then capture it as an image."),
        new("user-state", "Capture and restore user state", "Capture user files and settings before a change and restore them after."),
        new("custom", "Create a new custom task sequence", "An empty sequence to build step by step."),
    ];
}
