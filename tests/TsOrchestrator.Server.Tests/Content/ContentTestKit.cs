using System.Net.Http.Json;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Contracts.Content;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Catalog;
using TsOrchestrator.Domain.Sequences;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Content;

/// <summary>Source folders on disk and the admin calls content tests share.</summary>
internal static class ContentTestKit
{
    public static readonly DeviceFacts LinuxFacts = new() { Hostname = "lab-01", Os = "linux", OsVersion = "6.1.0", Architecture = "x64", FreeDiskMb = 20000 };

    /// <summary>A source folder under <paramref name="root"/> holding the given files (relative path → text).</summary>
    public static string SourceFolder(string root, params (string Path, string Text)[] files)
    {
        var folder = Path.Combine(root, "sources", Guid.NewGuid().ToString("N"));
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The content name of a text's UTF-8 bytes, computed with the BLAKE3 library itself rather than the code under test.</summary>
    public static string HashOf(string text) => HashOf(System.Text.Encoding.UTF8.GetBytes(text));

    public static string HashOf(byte[] bytes) => "blake3-" + Blake3.Hasher.Hash(bytes).ToString();

    /// <summary>The name content had before BLAKE3 (bare SHA-256 hex), for stores, exports and prestaged files written then.</summary>
    public static string Sha256Of(string text) => Sha256Of(System.Text.Encoding.UTF8.GetBytes(text));

    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    public static async Task<PackageInfo> CreatePackageAsync(this HttpClient admin, string name, string source, PackageType type = PackageType.Package,
        IReadOnlyList<PackageProgram>? programs = null) =>
        await (await admin.PostAsJsonAsync("/api/v1/packages", new CreatePackageRequest { Name = name, SourcePath = source, Type = type, Programs = programs }, Api.Json))
            .ReadAsync<PackageInfo>();

    /// <summary>A sequence with a Download Package Content step naming <paramref name="packageIds"/> and an optional boot image.</summary>
    public static async Task<string> CreateSequenceAsync(this HttpClient admin, string? bootImageId, params string[] packageIds)
    {
        var created = await admin.CreateAsync("Content test " + Guid.NewGuid().ToString("N")[..6]);
        (await admin.LockAsync(created.Summary.Id)).EnsureSuccessStatusCode();
        var sequence = created.Sequence with
        {
            Advanced = created.Sequence.Advanced with { BootImageId = bootImageId },
            Nodes =
            [
                new StepNode
                {
                    Name = "Download", Type = StepTypeIds.DownloadPackageContent,
                    Settings = new Dictionary<string, string> { ["DownloadPackages"] = string.Join(",", packageIds) },
                },
            ],
        };
        var saved = await admin.SaveAsync(sequence, created.ETag);
        saved.IsSuccessStatusCode.ShouldBeTrue(await saved.Content.ReadAsStringAsync());
        return created.Summary.Id;
    }

    /// <summary>Polls a content-status address until nothing is Pending or InProgress.</summary>
    public static async Task<IReadOnlyList<PackageDistributionStatus>> SettledStatusAsync(this HttpClient admin, string statusUrl, int expectedRows)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = await (await admin.GetAsync(statusUrl)).ReadAsync<List<PackageDistributionStatus>>();
            if (status.Count >= expectedRows && status.All(s => s.Status is DistributionStatus.Success or DistributionStatus.Failed))
            {
                return status;
            }

            DateTimeOffset.UtcNow.ShouldBeLessThan(deadline, $"distribution did not settle: {string.Join("; ", status.Select(s => $"{s.PackageId}@{s.DistributionPointId}={s.Status} {s.Message}"))}");
            await Task.Delay(50);
        }
    }

    public static async Task<(IAgentApi Agent, string DeviceId, string DeviceKey)> RegisterDeviceAsync(this ServerFactory server)
    {
        var registration = await server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = LinuxFacts });
        return (server.Agent(registration.DeviceKey), registration.DeviceId, registration.DeviceKey);
    }
}
