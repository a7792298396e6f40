namespace TsOrchestrator.Designer.Tests.Support;

/// <summary>Collections and deployments arranged through the admin API, as any admin tool would.</summary>
public static class DeploymentArrangement
{
    /// <summary>A new collection with these devices as direct members; returns its id.</summary>
    public static async Task<string> CreateCollectionAsync(this DesignerFixture fixture, string name, params string[] deviceIds)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var id = (await fixture.PostAsync("/api/v1/collections", new { name })).GetProperty("id").GetString()!;
        using var api = fixture.Server.Api();
        foreach (var device in deviceIds)
        {
            using var response = await api.PutAsync(new Uri($"/api/v1/collections/{id}/members/{device}", UriKind.Relative), null);
            response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        }

        return id;
    }

    /// <summary>Deploys the sequence to the collection (Available unless told); returns the deployment's id.</summary>
    public static async Task<string> DeployAsync(this DesignerFixture fixture, string sequenceId, string collectionId, string purpose = "Available")
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return (await fixture.PostAsync("/api/v1/deployments", new { sequenceId, collectionId, purpose })).GetProperty("id").GetString()!;
    }
}
