namespace TsOrchestrator.Server.Deployments;

/// <summary>What happens to a required high-impact deployment to a collection that contains servers.</summary>
public enum ServerCollectionPolicy
{
    Block,
    Confirm,
}
