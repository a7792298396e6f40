namespace TsOrchestrator.Engine.Running;

/// <summary>Exit codes with a meaning to the engine.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Success, restart required (install steps restart the device after it).</summary>
    public const int SuccessRestartRequired = 3010;

    /// <summary>Reported for a step terminated by its time-out: HRESULT 0x800705B4 (ERROR_TIMEOUT), as ConfigMgr logs it.</summary>
    public const int TimedOut = unchecked((int)0x800705B4);
}
