using TsOrchestrator.Domain.Conditions;

namespace TsOrchestrator.Designer.Editing;

/// <summary>
/// A condition copied from one step or group to paste on another (one per browser session, so it also carries
/// across sequences). It holds the immutable domain condition; each paste builds a fresh editable copy.
/// </summary>
public sealed class ConditionClipboard
{
    public Condition? Copied { get; private set; }

    public event Action? Changed;

    public void Copy(ConditionModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Copied = model.ToCondition();
        Changed?.Invoke();
    }

    /// <summary>A new editable copy of what was copied, or null when nothing was.</summary>
    public ConditionModel? Paste() => Copied is null ? null : ConditionModel.From(Copied);
}
