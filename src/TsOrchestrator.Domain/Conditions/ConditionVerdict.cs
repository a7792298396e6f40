namespace TsOrchestrator.Domain.Conditions;

/// <summary>
/// A condition's result with the reason for it, as an operator reads it after the run: which sub-condition decided
/// (e.g. <c>If any: 2nd condition (variable OSDDisk equals 0) true</c>).
/// </summary>
/// <param name="Result">True, false, or null when the result needs a device and none was given.</param>
/// <param name="Explanation">What decided the result, in words.</param>
public sealed record ConditionVerdict(bool? Result, string Explanation);
