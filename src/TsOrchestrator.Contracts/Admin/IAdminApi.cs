using Refit;
using TsOrchestrator.Contracts.Auditing;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.Devices;
using TsOrchestrator.Contracts.Exchange;
using TsOrchestrator.Contracts.Folders;
using TsOrchestrator.Contracts.PhasedDeployments;
using TsOrchestrator.Contracts.Runs;
using TsOrchestrator.Contracts.Security;
using TsOrchestrator.Contracts.Site;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Sequences;

namespace TsOrchestrator.Contracts.Admin;

/// <summary>
/// The admin API as tools call it (<c>tsorch</c>). Every call carries an admin API key
/// (<c>Authorization: Bearer</c>); errors come back as RFC 9457 problem details. A run's live events
/// (<c>GET /api/v1/runs/{id}/events</c>) are server-sent events, read with <see cref="WatchRunAsync"/>.
/// </summary>
public interface IAdminApi
{
    /// <summary>The caller's own identity, role and security scopes.</summary>
    [Get("/api/v1/me")]
    Task<CallerInfo> GetCallerAsync(CancellationToken cancellationToken = default);

    [Get("/api/v1/task-sequences")]
    Task<IReadOnlyList<TaskSequenceSummary>> ListTaskSequencesAsync(string? folder = null, string? name = null, CancellationToken cancellationToken = default);

    /// <summary>The latest version with its ETag, which <see cref="UpdateTaskSequenceAsync"/> needs.</summary>
    [Get("/api/v1/task-sequences/{id}")]
    Task<TaskSequenceDetails> GetTaskSequenceAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/task-sequences")]
    Task<TaskSequenceDetails> CreateTaskSequenceAsync([Body] CreateTaskSequenceRequest request, CancellationToken cancellationToken = default);

    /// <summary>Saves a new version; the caller must hold the edit lock and send the ETag it read.</summary>
    [Put("/api/v1/task-sequences/{id}")]
    Task<TaskSequenceDetails> UpdateTaskSequenceAsync(string id, [Body] TaskSequence sequence, [Header("If-Match")] string etag, CancellationToken cancellationToken = default);

    /// <summary>Every problem of a document as the site sees it (its packages, images and child sequences looked up there); nothing is stored.</summary>
    [Post("/api/v1/task-sequences/validate")]
    Task<IReadOnlyList<SequenceProblem>> ValidateTaskSequenceAsync([Body] TaskSequence sequence, CancellationToken cancellationToken = default);

    [Delete("/api/v1/task-sequences/{id}")]
    Task DeleteTaskSequenceAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/task-sequences/{id}/enable")]
    Task<TaskSequenceDetails> EnableTaskSequenceAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/task-sequences/{id}/disable")]
    Task<TaskSequenceDetails> DisableTaskSequenceAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/task-sequences/{id}/copy")]
    Task<TaskSequenceDetails> CopyTaskSequenceAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/task-sequences/{id}/move")]
    Task<TaskSequenceDetails> MoveTaskSequenceAsync(string id, [Body] MoveTaskSequenceRequest request, CancellationToken cancellationToken = default);

    [Get("/api/v1/task-sequences/{id}/versions")]
    Task<IReadOnlyList<TaskSequenceVersionInfo>> ListTaskSequenceVersionsAsync(string id, CancellationToken cancellationToken = default);

    [Get("/api/v1/task-sequences/{id}/versions/{version}")]
    Task<TaskSequence> GetTaskSequenceVersionAsync(string id, int version, CancellationToken cancellationToken = default);

    /// <summary>The latest version compiled into an Elsa 3 workflow definition (JSON for Elsa Studio; secrets left out).</summary>
    [Get("/api/v1/task-sequences/{id}/elsa")]
    Task<Stream> ExportElsaWorkflowAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>One saved version compiled into an Elsa 3 workflow definition.</summary>
    [Get("/api/v1/task-sequences/{id}/versions/{version}/elsa")]
    Task<Stream> ExportElsaWorkflowVersionAsync(string id, int version, CancellationToken cancellationToken = default);

    [Get("/api/v1/task-sequences/{id}/diff")]
    Task<VersionDiff> DiffTaskSequenceVersionsAsync(string id, [AliasAs("from")] int fromVersion, [AliasAs("to")] int toVersion, CancellationToken cancellationToken = default);

    [Post("/api/v1/task-sequences/{id}/lock")]
    Task<EditLockInfo> LockTaskSequenceAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Releases the caller's edit lock; <paramref name="force"/> breaks someone else's.</summary>
    [Delete("/api/v1/task-sequences/{id}/lock")]
    Task UnlockTaskSequenceAsync(string id, bool? force = null, CancellationToken cancellationToken = default);

    /// <summary>The Properties dialog's values of the latest version.</summary>
    [Get("/api/v1/task-sequences/{id}/properties")]
    Task<TaskSequenceProperties> GetTaskSequencePropertiesAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Saves the Properties dialog as a new version; like a full save it needs the edit lock and the ETag read.</summary>
    [Put("/api/v1/task-sequences/{id}/properties")]
    Task<TaskSequenceDetails> SetTaskSequencePropertiesAsync(string id, [Body] TaskSequenceProperties properties, [Header("If-Match")] string etag, CancellationToken cancellationToken = default);

    /// <summary>Set Security Scopes of a task sequence (Full Administrators only).</summary>
    [Put("/api/v1/task-sequences/{id}/scopes")]
    Task<TaskSequenceDetails> SetTaskSequenceScopesAsync(string id, [Body] SetScopesRequest request, CancellationToken cancellationToken = default);

    [Get("/api/v1/folders")]
    Task<IReadOnlyList<FolderInfo>> ListFoldersAsync(CancellationToken cancellationToken = default);

    [Post("/api/v1/folders")]
    Task<FolderInfo> CreateFolderAsync([Body] CreateFolderRequest request, CancellationToken cancellationToken = default);

    /// <summary>Renames the folder at <paramref name="path"/> (<c>OSD/Windows 11</c>; its slashes stay slashes).</summary>
    [Put("/api/v1/folders/{**path}")]
    Task<FolderInfo> RenameFolderAsync(string path, [Body] RenameFolderRequest request, CancellationToken cancellationToken = default);

    [Delete("/api/v1/folders/{**path}")]
    Task DeleteFolderAsync(string path, CancellationToken cancellationToken = default);

    [Get("/api/v1/devices")]
    Task<IReadOnlyList<DeviceInfo>> ListDevicesAsync(CancellationToken cancellationToken = default);

    [Get("/api/v1/devices/{id}")]
    Task<DeviceInfo> GetDeviceAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/devices/{id}/approve")]
    Task<DeviceInfo> ApproveDeviceAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/devices/{id}/block")]
    Task<DeviceInfo> BlockDeviceAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Set Security Scopes of a device (Full Administrators only).</summary>
    [Put("/api/v1/devices/{id}/scopes")]
    Task<DeviceInfo> SetDeviceScopesAsync(string id, [Body] SetScopesRequest request, CancellationToken cancellationToken = default);

    [Get("/api/v1/devices/{id}/variables")]
    Task<IReadOnlyList<VariableInfo>> ListDeviceVariablesAsync(string id, CancellationToken cancellationToken = default);

    [Put("/api/v1/devices/{id}/variables/{name}")]
    Task<VariableInfo> SetDeviceVariableAsync(string id, string name, [Body] SetVariableRequest request, CancellationToken cancellationToken = default);

    [Delete("/api/v1/devices/{id}/variables/{name}")]
    Task DeleteDeviceVariableAsync(string id, string name, CancellationToken cancellationToken = default);

    [Get("/api/v1/collections")]
    Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken = default);

    [Get("/api/v1/collections/{id}")]
    Task<CollectionInfo> GetCollectionAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/collections")]
    Task<CollectionInfo> CreateCollectionAsync([Body] CreateCollectionRequest request, CancellationToken cancellationToken = default);

    [Put("/api/v1/collections/{id}/members/{deviceId}")]
    Task AddCollectionMemberAsync(string id, string deviceId, CancellationToken cancellationToken = default);

    [Delete("/api/v1/collections/{id}/members/{deviceId}")]
    Task RemoveCollectionMemberAsync(string id, string deviceId, CancellationToken cancellationToken = default);

    /// <summary>Set Security Scopes of a collection (Full Administrators only).</summary>
    [Put("/api/v1/collections/{id}/scopes")]
    Task<CollectionInfo> SetCollectionScopesAsync(string id, [Body] SetScopesRequest request, CancellationToken cancellationToken = default);

    [Get("/api/v1/collections/{id}/variables")]
    Task<IReadOnlyList<VariableInfo>> ListCollectionVariablesAsync(string id, CancellationToken cancellationToken = default);

    [Put("/api/v1/collections/{id}/variables/{name}")]
    Task<VariableInfo> SetCollectionVariableAsync(string id, string name, [Body] SetVariableRequest request, CancellationToken cancellationToken = default);

    [Delete("/api/v1/collections/{id}/variables/{name}")]
    Task DeleteCollectionVariableAsync(string id, string name, CancellationToken cancellationToken = default);

    /// <summary>A collection's maintenance windows, as the deploy wizard shows them beside its maintenance-window option.</summary>
    [Get("/api/v1/collections/{id}/maintenance-windows")]
    Task<IReadOnlyList<MaintenanceWindowInfo>> ListMaintenanceWindowsAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/collections/{id}/maintenance-windows")]
    Task<MaintenanceWindowInfo> CreateMaintenanceWindowAsync(string id, [Body] CreateMaintenanceWindowRequest request, CancellationToken cancellationToken = default);

    [Delete("/api/v1/collections/{id}/maintenance-windows/{windowId}")]
    Task DeleteMaintenanceWindowAsync(string id, string windowId, CancellationToken cancellationToken = default);

    [Get("/api/v1/deployments")]
    Task<IReadOnlyList<DeploymentInfo>> ListDeploymentsAsync(string? sequenceId = null, CancellationToken cancellationToken = default);

    /// <summary>Per deployment, its targeted devices by the status of their latest run.</summary>
    [Get("/api/v1/deployments/status")]
    Task<IReadOnlyList<DeploymentStatusInfo>> ListDeploymentStatusAsync(string? sequenceId = null, CancellationToken cancellationToken = default);

    /// <summary>Over the deployment's targeted devices, how many are held back by each reason.</summary>
    [Get("/api/v1/deployments/{id}/why")]
    Task<DeploymentWhySummary> ExplainDeploymentAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Why the deployment is or is not running on one device, and when it will.</summary>
    [Get("/api/v1/deployments/{id}/why")]
    Task<DeviceDeploymentWhy> ExplainDeploymentOnDeviceAsync(string id, [AliasAs("device")] string deviceId, CancellationToken cancellationToken = default);

    [Post("/api/v1/deployments")]
    Task<DeploymentInfo> CreateDeploymentAsync([Body] CreateDeploymentRequest request, CancellationToken cancellationToken = default);

    [Get("/api/v1/deployments/{id}")]
    Task<DeploymentInfo> GetDeploymentAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Saves a deployment's properties; <paramref name="etag"/> is its <see cref="DeploymentInfo.ConcurrencyVersion"/> as read, quoted.</summary>
    [Put("/api/v1/deployments/{id}")]
    Task<DeploymentInfo> UpdateDeploymentAsync(string id, [Body] UpdateDeploymentRequest request, [Header("If-Match")] string etag, CancellationToken cancellationToken = default);

    [Delete("/api/v1/deployments/{id}")]
    Task DeleteDeploymentAsync(string id, CancellationToken cancellationToken = default);

    [Get("/api/v1/phased-deployments")]
    Task<IReadOnlyList<PhasedDeploymentInfo>> ListPhasedDeploymentsAsync(CancellationToken cancellationToken = default);

    [Get("/api/v1/phased-deployments/{id}")]
    Task<PhasedDeploymentInfo> GetPhasedDeploymentAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Creates it and begins its first phase.</summary>
    [Post("/api/v1/phased-deployments")]
    Task<PhasedDeploymentInfo> CreatePhasedDeploymentAsync([Body] CreatePhasedDeploymentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Begins the next phase now, whatever the current phase's criteria.</summary>
    [Post("/api/v1/phased-deployments/{id}/next")]
    Task<PhasedDeploymentInfo> MovePhasedDeploymentToNextPhaseAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/phased-deployments/{id}/suspend")]
    Task<PhasedDeploymentInfo> SuspendPhasedDeploymentAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/phased-deployments/{id}/resume")]
    Task<PhasedDeploymentInfo> ResumePhasedDeploymentAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes it with every phase's deployment.</summary>
    [Delete("/api/v1/phased-deployments/{id}")]
    Task DeletePhasedDeploymentAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The site's high-risk deployment settings.</summary>
    [Get("/api/v1/site/high-risk")]
    Task<HighRiskSettings> GetHighRiskSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs, newest first (at most 1000); each filter is optional.</summary>
    [Get("/api/v1/runs")]
    Task<IReadOnlyList<RunSummary>> ListRunsAsync(string? deploymentId = null, string? deviceId = null, string? status = null, CancellationToken cancellationToken = default);

    /// <summary>The logs steps wrote on the device, in order; one work item's only when <paramref name="workItemId"/> is given.</summary>
    [Get("/api/v1/runs/{id}/log")]
    Task<IReadOnlyList<RunLogEntry>> GetRunLogAsync(string id, string? workItemId = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/runs/{id}")]
    Task<RunDetails> GetRunAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every step of the run with the variables it changed and how its condition was decided; with <paramref name="stepPath"/>
    /// (an index path such as <c>2/0</c> or a name path such as <c>Install/Apply OS</c>) that step alone with its before
    /// and after variables and its log.
    /// </summary>
    [Get("/api/v1/runs/{id}/inspection")]
    Task<RunInspection> InspectRunAsync(string id, [AliasAs("step")] string? stepPath = null, CancellationToken cancellationToken = default);

    [Post("/api/v1/runs/{id}/cancel")]
    Task<RunDetails> CancelRunAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/runs/{id}/resume")]
    Task<RunDetails> ResumeRunAsync(string id, [Body] ResumeRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The run's server-sent events (<c>data: {json}</c> lines of <see cref="RunEventMessage"/>): the run as it
    /// stands, then each change until it ends. The stream is open until then; the caller disposes it.
    /// </summary>
    [Get("/api/v1/runs/{id}/events")]
    [Headers("Accept: text/event-stream")]
    Task<Stream> WatchRunAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest admin changes first (Full Administrator only), by object, actor and time (<paramref name="from"/>
    /// inclusive, <paramref name="until"/> exclusive); <paramref name="before"/> an entry's id for the page older than it.
    /// </summary>
    [Get("/api/v1/audit")]
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string? objectType = null, string? objectId = null, int? take = null, string? actor = null,
        [Query(Format = "o")] DateTimeOffset? from = null, [Query(Format = "o"), AliasAs("to")] DateTimeOffset? until = null, long? before = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/packages")]
    Task<IReadOnlyList<PackageInfo>> ListPackagesAsync(CancellationToken cancellationToken = default);

    [Get("/api/v1/packages/{id}")]
    Task<PackageInfo> GetPackageAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Creates a package by importing its source folder, a path on the site server.</summary>
    [Post("/api/v1/packages")]
    Task<PackageInfo> CreatePackageAsync([Body] CreatePackageRequest request, CancellationToken cancellationToken = default);

    /// <summary>Imports the source folder again (Update Distribution Points); the version goes up when the content changed.</summary>
    [Post("/api/v1/packages/{id}/update-content")]
    Task<PackageInfo> UpdatePackageContentAsync(string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/packages/{id}/distribute")]
    Task<IReadOnlyList<PackageDistributionStatus>> DistributePackageAsync(string id, [Body] DistributeContentRequest request, CancellationToken cancellationToken = default);

    [Get("/api/v1/packages/{id}/content-status")]
    Task<IReadOnlyList<PackageDistributionStatus>> GetPackageContentStatusAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>A prestaged content file (zip) of the packages' current versions; the caller disposes the stream.</summary>
    [Post("/api/v1/packages/prestage")]
    Task<Stream> PrestagePackagesAsync([Body] PrestageContentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Distribute Content: every package the sequence's current version references, including its boot image.</summary>
    [Post("/api/v1/task-sequences/{id}/distribute")]
    Task<IReadOnlyList<PackageDistributionStatus>> DistributeTaskSequenceContentAsync(string id, [Body] DistributeContentRequest request, CancellationToken cancellationToken = default);

    [Get("/api/v1/task-sequences/{id}/content-status")]
    Task<IReadOnlyList<PackageDistributionStatus>> GetTaskSequenceContentStatusAsync(string id, CancellationToken cancellationToken = default);

    [Get("/api/v1/distribution-points")]
    Task<IReadOnlyList<DistributionPointInfo>> ListDistributionPointsAsync(CancellationToken cancellationToken = default);

    [Post("/api/v1/distribution-points")]
    Task<DistributionPointInfo> CreateDistributionPointAsync([Body] CreateDistributionPointRequest request, CancellationToken cancellationToken = default);

    /// <summary>Removes a remote distribution point with its group memberships and distribution rows (not the site server).</summary>
    [Delete("/api/v1/distribution-points/{id}")]
    Task DeleteDistributionPointAsync(string id, CancellationToken cancellationToken = default);

    [Get("/api/v1/distribution-point-groups")]
    Task<IReadOnlyList<DistributionPointGroupInfo>> ListDistributionPointGroupsAsync(CancellationToken cancellationToken = default);

    [Post("/api/v1/distribution-point-groups")]
    Task<DistributionPointGroupInfo> CreateDistributionPointGroupAsync([Body] CreateDistributionPointGroupRequest request, CancellationToken cancellationToken = default);

    [Put("/api/v1/distribution-point-groups/{id}/members/{distributionPointId}")]
    Task<DistributionPointGroupInfo> AddDistributionPointGroupMemberAsync(string id, string distributionPointId, CancellationToken cancellationToken = default);

    [Delete("/api/v1/distribution-point-groups/{id}/members/{distributionPointId}")]
    Task<DistributionPointGroupInfo> RemoveDistributionPointGroupMemberAsync(string id, string distributionPointId, CancellationToken cancellationToken = default);

    /// <summary>Associates the group with a collection: its devices prefer the group's DPs, and Distribute Content may name the collection.</summary>
    [Put("/api/v1/distribution-point-groups/{id}/collections/{collectionId}")]
    Task<DistributionPointGroupInfo> AssociateDistributionPointGroupCollectionAsync(string id, string collectionId, CancellationToken cancellationToken = default);

    [Delete("/api/v1/distribution-point-groups/{id}/collections/{collectionId}")]
    Task<DistributionPointGroupInfo> DissociateDistributionPointGroupCollectionAsync(string id, string collectionId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the group with its memberships and collection associations; content on its DPs stays.</summary>
    [Delete("/api/v1/distribution-point-groups/{id}")]
    Task DeleteDistributionPointGroupAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Export Task Sequence: a zip (manifest and native JSON) of the sequences and, by default, their dependencies; with
    /// content a tar stream of <c>export.zip</c> and <c>export_files/</c>. The caller disposes the stream.
    /// </summary>
    [Post("/api/v1/exports")]
    Task<Stream> ExportAsync([Body] ExportRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads an export (zip, or the tar of zip and files), a Configuration Manager export zip or task sequence XML and
    /// returns its preview; <paramref name="contentPath"/> names an export's <c>_files</c> folder on the server instead, <paramref name="fileName"/> names XML (its id and name when it has none).
    /// </summary>
    [Post("/api/v1/imports")]
    Task<ImportPreview> PreviewImportAsync([Body] HttpContent content, string? contentPath = null, string? fileName = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/imports/{id}")]
    Task<ImportPreview> GetImportAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Imports every object of a preview in one transaction, with the given actions; on any error nothing is imported.</summary>
    [Post("/api/v1/imports/{id}/commit")]
    Task<ImportResult> CommitImportAsync(string id, [Body] CommitImportRequest request, CancellationToken cancellationToken = default);

    /// <summary>Admin API keys (Full Administrators): never their secrets.</summary>
    [Get("/api/v1/api-keys")]
    Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Issues a key with a role and scopes; the answer holds its secret, shown this once.</summary>
    [Post("/api/v1/api-keys")]
    Task<IssuedApiKey> CreateApiKeyAsync([Body] CreateApiKeyRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gives the key a new secret; the old one stops working at once.</summary>
    [Post("/api/v1/api-keys/{id}/rotate")]
    Task<IssuedApiKey> RotateApiKeyAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Revokes the key: it stops working at once, on every node (keys are looked up in the store per request).</summary>
    [Delete("/api/v1/api-keys/{id}")]
    Task RevokeApiKeyAsync(string id, CancellationToken cancellationToken = default);
}
