using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TsOrchestrator.Server.Security;

namespace TsOrchestrator.Server.Storage;

/// <summary>
/// The server's store. Provider-specific subclasses carry their own migrations
/// (<see cref="SqliteStoreContext"/>, <see cref="PostgresStoreContext"/>).
/// </summary>
public abstract class StoreContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>
    /// The security scope filter's name, for the few queries that must look past it: whether an id is taken, whether
    /// a folder is empty, which site systems exist.
    /// </summary>
    public const string ScopeFilter = "SecurityScopes";

    /// <summary>Whose scopes filter this unit of work; the container sets it each time it hands the (pooled) context out.</summary>
    public RequestCaller? RequestCaller { get; set; }

    /// <summary>False when nothing is filtered: no admin caller (agent calls, background jobs), or one with <c>*</c>.</summary>
    public bool FiltersByScope => RequestCaller?.VisibleScopes is not null;

    /// <summary>What the scope filter reads at each query: the caller's scopes in lower case.</summary>
    internal string[] VisibleScopes => RequestCaller?.VisibleScopes ?? [];

    public DbSet<TaskSequenceEntity> TaskSequences => Set<TaskSequenceEntity>();
    public DbSet<TaskSequenceVersionEntity> TaskSequenceVersions => Set<TaskSequenceVersionEntity>();
    public DbSet<EditLockEntity> EditLocks => Set<EditLockEntity>();
    public DbSet<FolderEntity> Folders => Set<FolderEntity>();
    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();
    public DbSet<AuditEntryEntity> AuditEntries => Set<AuditEntryEntity>();
    public DbSet<DeviceEntity> Devices => Set<DeviceEntity>();
    public DbSet<CollectionEntity> Collections => Set<CollectionEntity>();
    public DbSet<CollectionMemberEntity> CollectionMembers => Set<CollectionMemberEntity>();
    public DbSet<VariableEntity> Variables => Set<VariableEntity>();
    public DbSet<DeploymentEntity> Deployments => Set<DeploymentEntity>();
    public DbSet<RunEntity> Runs => Set<RunEntity>();
    public DbSet<RunHistoryEntity> RunHistory => Set<RunHistoryEntity>();
    public DbSet<RunStepInspectionEntity> RunStepInspections => Set<RunStepInspectionEntity>();
    public DbSet<RunDefinitionEntity> RunDefinitions => Set<RunDefinitionEntity>();
    public DbSet<MaintenanceWindowEntity> MaintenanceWindows => Set<MaintenanceWindowEntity>();
    public DbSet<PackageEntity> Packages => Set<PackageEntity>();
    public DbSet<PackageFileEntity> PackageFiles => Set<PackageFileEntity>();
    public DbSet<DistributionPointEntity> DistributionPoints => Set<DistributionPointEntity>();
    public DbSet<DistributionPointGroupEntity> DistributionPointGroups => Set<DistributionPointGroupEntity>();
    public DbSet<DistributionPointGroupMemberEntity> DistributionPointGroupMembers => Set<DistributionPointGroupMemberEntity>();
    public DbSet<CollectionDistributionPointGroupEntity> CollectionDistributionPointGroups => Set<CollectionDistributionPointGroupEntity>();
    public DbSet<PackageDistributionEntity> PackageDistributions => Set<PackageDistributionEntity>();
    public DbSet<RunLogChunkEntity> RunLogChunks => Set<RunLogChunkEntity>();
    public DbSet<PhasedDeploymentEntity> PhasedDeployments => Set<PhasedDeploymentEntity>();
    public DbSet<DeploymentPhaseEntity> DeploymentPhases => Set<DeploymentPhaseEntity>();
    public DbSet<DeploymentBatchEntity> DeploymentBatches => Set<DeploymentBatchEntity>();
    public DbSet<StateStoreEntity> StateStores => Set<StateStoreEntity>();
    public DbSet<ComputerAssociationEntity> ComputerAssociations => Set<ComputerAssociationEntity>();

    /// <summary>The site's Data Protection key ring, shared by every node; each key's secret is encrypted (see KeyRing).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Values the site holds once, e.g. the id of its shared folder (see SiteSharedFolder).</summary>
    public DbSet<SiteSettingEntity> SiteSettings => Set<SiteSettingEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<TaskSequenceEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Description).HasMaxLength(255);
            e.Property(x => x.ConcurrencyVersion).IsConcurrencyToken();
            e.HasIndex(x => x.Folder);
            e.HasIndex(x => x.Name);
        });
        modelBuilder.Entity<TaskSequenceVersionEntity>(e =>
        {
            e.HasKey(x => new { x.SequenceId, x.Version });
            e.Property(x => x.ContentHash).HasMaxLength(64);
        });
        modelBuilder.Entity<EditLockEntity>(e => e.HasKey(x => x.SequenceId));
        modelBuilder.Entity<SiteSettingEntity>(e =>
        {
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.Value).HasMaxLength(400);
        });
        modelBuilder.Entity<FolderEntity>(e =>
        {
            e.HasKey(x => x.Path);
            e.HasIndex(x => x.Parent);
        });
        modelBuilder.Entity<ApiKeyEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Hash).IsUnique();
        });
        modelBuilder.Entity<DeviceEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.KeyHash).IsUnique();
            e.Property(x => x.Status).HasConversion<string>();
            e.Property(x => x.MacAddresses).HasMaxLength(1024);
            e.Property(x => x.SmbiosUuid).HasMaxLength(36);
            e.Property(x => x.Chassis).HasMaxLength(32);
            e.Property(x => x.OsProductType).HasMaxLength(32);
            e.Property(x => x.ConcurrencyVersion).IsConcurrencyToken();
        });
        modelBuilder.Entity<CollectionEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.ConcurrencyVersion).IsConcurrencyToken();
        });
        modelBuilder.Entity<CollectionMemberEntity>(e =>
        {
            e.HasKey(x => new { x.CollectionId, x.DeviceId });
            e.HasIndex(x => x.DeviceId);
        });
        modelBuilder.Entity<VariableEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.OwnerKind, x.OwnerId, x.Name }).IsUnique();
        });
        modelBuilder.Entity<DeploymentEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.CollectionId);
            e.HasIndex(x => x.SequenceId);
            e.HasIndex(x => x.PhasedDeploymentId);
            e.Property(x => x.Purpose).HasConversion<string>();
            e.Property(x => x.Rerun).HasConversion<string>();
            e.Property(x => x.AssignmentRecurrence).HasConversion<string>();
            e.Property(x => x.AvailableTo).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.ConcurrencyVersion).IsConcurrencyToken();
        });
        modelBuilder.Entity<RunEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.DeviceId, x.Status });
            e.HasIndex(x => x.DeploymentId);
            e.Property(x => x.ConcurrencyVersion).IsConcurrencyToken();
        });
        modelBuilder.Entity<RunDefinitionEntity>(e => e.HasKey(x => x.Hash));
        modelBuilder.Entity<MaintenanceWindowEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.CollectionId);
            e.Property(x => x.Recurrence).HasConversion<string>();
        });
        modelBuilder.Entity<RunLogChunkEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.RunId, x.WorkItemId, x.Offset }).IsUnique();
        });
        modelBuilder.Entity<RunHistoryEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.RunId, x.Sequence }).IsUnique();
        });
        modelBuilder.Entity<RunStepInspectionEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.RunId, x.Sequence });
        });
        modelBuilder.Entity<AuditEntryEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.ObjectType, x.ObjectId });
        });
        OnContentModelCreating(modelBuilder);
        OnPhasedDeploymentModelCreating(modelBuilder);
        OnStateMigrationModelCreating(modelBuilder);
        FilterByScopes<TaskSequenceEntity>(modelBuilder);
        FilterByScopes<PackageEntity>(modelBuilder);
        FilterByScopes<CollectionEntity>(modelBuilder);
        FilterByScopes<DeviceEntity>(modelBuilder);
        FilterByScopes<DeploymentEntity>(modelBuilder);
        FilterByScopes<PhasedDeploymentEntity>(modelBuilder);
        FilterByScopes<DistributionPointEntity>(modelBuilder);
        FilterByScopes<DistributionPointGroupEntity>(modelBuilder);
        FilterByScopes<StateStoreEntity>(modelBuilder);
        FilterByScopes<ComputerAssociationEntity>(modelBuilder);
    }

    private static void OnStateMigrationModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StateStoreEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(32);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.RequestKey).HasMaxLength(300);
            e.HasIndex(x => new { x.SourceDeviceId, x.Status });
            e.HasIndex(x => new { x.RestoringDeviceId, x.Status });
            e.HasIndex(x => new { x.SourceDeviceId, x.RequestKey });
            e.HasIndex(x => new { x.Status, x.ReleasedAt });
        });
        modelBuilder.Entity<ComputerAssociationEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(32);
            e.HasIndex(x => new { x.SourceDeviceId, x.DestinationDeviceId }).IsUnique();
            e.HasIndex(x => x.DestinationDeviceId);
        });
    }

    /// <summary>
    /// The one security scope filter: an object is visible when one of its comma-separated scopes is one of the
    /// caller's (case-insensitive), in SQL on SQLite (one parameter per scope) and PostgreSQL (unnest of an array
    /// parameter); object scope names are lowered in SQL, which SQLite does for ASCII only. <see cref="FiltersByScope"/>
    /// goes into the SQL as a constant, so EF Core drops the whole predicate when it is false: agent calls and
    /// background jobs run the SQL they ran before scopes were filtered here.
    /// </summary>
    private void FilterByScopes<TEntity>(ModelBuilder modelBuilder)
        where TEntity : class, IScopedEntity =>
        modelBuilder.Entity<TEntity>().HasQueryFilter(ScopeFilter, e =>
            !EF.Constant(FiltersByScope) || VisibleScopes.Any(s => ("," + e.Scopes.ToLower() + ",").Contains("," + s + ",")));

    private static void OnPhasedDeploymentModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PhasedDeploymentEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ConcurrencyVersion).IsConcurrencyToken();
            e.HasIndex(x => x.Status);
        });
        modelBuilder.Entity<DeploymentPhaseEntity>(e =>
        {
            e.HasKey(x => new { x.PhasedDeploymentId, x.Number });
            e.Property(x => x.BeginNext).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<DeploymentBatchEntity>(e =>
        {
            e.HasKey(x => new { x.DeploymentId, x.DeviceId });
        });
    }

    private static void OnContentModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PackageEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.ConcurrencyVersion).IsConcurrencyToken();
            e.HasIndex(x => x.Name);
        });
        modelBuilder.Entity<PackageFileEntity>(e =>
        {
            e.HasKey(x => new { x.PackageId, x.Version, x.RelativePath });
            e.Property(x => x.Hash).HasMaxLength(80);
            e.HasIndex(x => x.Hash);
        });
        modelBuilder.Entity<DistributionPointEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.ConcurrencyVersion).IsConcurrencyToken();
        });
        modelBuilder.Entity<DistributionPointGroupEntity>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.ConcurrencyVersion).IsConcurrencyToken();
        });
        modelBuilder.Entity<DistributionPointGroupMemberEntity>(e =>
        {
            e.HasKey(x => new { x.GroupId, x.DistributionPointId });
            e.HasIndex(x => x.DistributionPointId);
        });
        modelBuilder.Entity<CollectionDistributionPointGroupEntity>(e =>
        {
            e.HasKey(x => new { x.CollectionId, x.GroupId });
            e.HasIndex(x => x.GroupId);
        });
        modelBuilder.Entity<PackageDistributionEntity>(e =>
        {
            e.HasKey(x => new { x.PackageId, x.DistributionPointId });
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => x.Status);
        });
    }
}
