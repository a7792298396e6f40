using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TsOrchestrator.Server.Storage;

/// <summary>The default store: one SQLite file.</summary>
public sealed class SqliteStoreContext(DbContextOptions<SqliteStoreContext> options) : StoreContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no offset-aware time type; UTC ticks keep ordering and comparisons in SQL correct.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
