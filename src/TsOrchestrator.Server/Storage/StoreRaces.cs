using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Server.Problems;

namespace TsOrchestrator.Server.Storage;

/// <summary>
/// Tells a save that lost a race from a fault: a concurrency token that no longer matched, or a key another request
/// inserted (or a row it deleted) between this request's read and its save. Those are the caller's to retry (409),
/// never a server fault (500).
/// </summary>
public static class StoreRaces
{
    // SQLite's extended result codes (sqlite3.h): SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY, _FOREIGNKEY.
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteForeignKey = 787;

    // PostgreSQL's SQLSTATEs: unique_violation, foreign_key_violation.
    private const string PostgresUnique = "23505";
    private const string PostgresForeignKey = "23503";

    public static bool IsRace(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException || IsKeyViolation(exception?.InnerException);

    /// <summary>The safety net's answer where no save path knew better: the object changed meanwhile.</summary>
    public static ApiProblemException Conflict() =>
        new(StatusCodes.Status409Conflict, "Changed meanwhile",
            "another request changed the same object at the same moment; read it again and reapply your change",
            Problem.Field("If-Match", "the object changed while this request was being saved"));

    private static bool IsKeyViolation(Exception? exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey or SqliteForeignKey,
        DbException other => other.SqlState is PostgresUnique or PostgresForeignKey,
        _ => false,
    };
}
