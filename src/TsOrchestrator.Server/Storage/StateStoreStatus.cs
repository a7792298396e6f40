namespace TsOrchestrator.Server.Storage;

/// <summary>Where a user state store is in its life on the state migration point.</summary>
public enum StateStoreStatus
{
    /// <summary>Requested for capture; no state uploaded yet.</summary>
    Capturing,

    /// <summary>The state is stored, waiting for a restore.</summary>
    Captured,

    /// <summary>A device requested it for restore.</summary>
    Restoring,

    /// <summary>Released after its restore (or released without state); the retention sweep deletes it when its days are up.</summary>
    Released,
}
