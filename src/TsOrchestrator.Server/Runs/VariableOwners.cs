namespace TsOrchestrator.Server.Runs;

/// <summary>What a stored variable belongs to.</summary>
public static class VariableOwners
{
    public const string Collection = "collection";
    public const string Device = "device";
}
