namespace TsOrchestrator.Agent.Handlers;

/// <summary>
/// One rule of Set Dynamic Variables, as the step's <c>Rules</c> setting holds them (a JSON array):
/// <c>{"when": {"Model": "Virtual*"}, "set": {"Role": "vm"}, "secret": ["JoinPassword"]}</c>. A rule applies when
/// every fact it names matches its pattern (<c>*</c> and <c>?</c>, any case); a rule without <c>when</c> always
/// applies, which is how defaults are written. Later rules win over earlier ones.
/// </summary>
internal sealed record DynamicVariableRule
{
    public Dictionary<string, string>? When { get; init; }
    public Dictionary<string, string>? Set { get; init; }

    /// <summary>Variables of <see cref="Set"/> whose values are secret: never written to a log.</summary>
    public List<string>? Secret { get; init; }
}
