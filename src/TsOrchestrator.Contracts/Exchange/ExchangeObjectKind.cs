namespace TsOrchestrator.Contracts.Exchange;

/// <summary>What an exported object is.</summary>
public enum ExchangeObjectKind
{
    TaskSequence,
    Package,
}
