namespace TsOrchestrator.Engine.Running;

/// <summary>Names of the variables the engine itself sets or reads.</summary>
public static class BuiltInVariables
{
    public const string PackageId = "_SMSTSPackageID";
    public const string PackageName = "_SMSTSPackageName";
    public const string CurrentActionName = "_SMSTSCurrentActionName";
    public const string LastActionName = "_SMSTSLastActionName";
    public const string LastActionRetCode = "_SMSTSLastActionRetCode";
    public const string LastActionSucceeded = "_SMSTSLastActionSucceeded";

    /// <summary>Set to <c>true</c> by a step to restart the device after it.</summary>
    public const string RebootRequested = "SMSTSRebootRequested";

    /// <summary>Set to <c>true</c> with <see cref="RebootRequested"/> to run the same step again after the restart.</summary>
    public const string RetryRequested = "SMSTSRetryRequested";

    /// <summary>
    /// <c>true</c> when the agent switches to the high-performance power plan for the run (the Performance tab; never
    /// when started from boot media, where there is no plan of the user's to come back to).
    /// </summary>
    public const string HighPerformancePowerPlan = "_TSHighPerformancePowerPlan";

    /// <summary><c>true</c> while the device runs the sequence from the boot image; follows the device across restarts.</summary>
    public const string InWinPE = "_SMSTSInWinPE";

    /// <summary>A command the agent runs when the run ends (e.g. a final restart).</summary>
    public const string PostAction = "SMSTSPostAction";
}
