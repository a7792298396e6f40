using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TsOrchestrator.Server.Storage;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteStoreContext</c> build the context without the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteStoreContext>
{
    public SqliteStoreContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteStoreContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgresStoreContext</c> build the context without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresStoreContext>
{
    public PostgresStoreContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresStoreContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
