namespace TsOrchestrator.Server.Runs;

/// <summary>
/// What a transition's commit came to: whether it moved the run (false when another writer moved its version first, and
/// nothing was written), and, on PostgreSQL, whether the site has any secret variable, asked in the same round trip so a
/// transition that skipped the run's load (see <see cref="RunRowCache"/>) need not ask again for the agent's answer.
/// </summary>
public readonly record struct RunCommitResult(bool Written, bool? AnySecrets);
