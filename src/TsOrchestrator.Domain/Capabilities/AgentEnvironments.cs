namespace TsOrchestrator.Domain.Capabilities;

/// <summary>The wire names of <see cref="AgentEnvironment"/>.</summary>
public static class AgentEnvironments
{
    public const string FullOs = "full-os";
    public const string BootImage = "boot-image";

    public static string Name(AgentEnvironment environment) => environment == AgentEnvironment.BootImage ? BootImage : FullOs;

    /// <summary>The environment a wire name names, or null when it names none.</summary>
    public static AgentEnvironment? Parse(string? name) => name switch
    {
        FullOs => AgentEnvironment.FullOs,
        BootImage => AgentEnvironment.BootImage,
        _ => null,
    };
}
