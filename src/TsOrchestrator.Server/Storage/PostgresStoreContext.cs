using Microsoft.EntityFrameworkCore;

namespace TsOrchestrator.Server.Storage;

/// <summary>The scale-out store: PostgreSQL shared by several server nodes.</summary>
public sealed class PostgresStoreContext(DbContextOptions<PostgresStoreContext> options) : StoreContext(options);
