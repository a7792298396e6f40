namespace TsOrchestrator.Server.Storage;

/// <summary>How the phase after this one begins once this one meets its success criteria.</summary>
public enum PhaseBeginCriteria
{
    /// <summary>By itself, after the phase's deferral.</summary>
    Automatic,

    /// <summary>When an operator moves the phased deployment to the next phase.</summary>
    Manual,
}
