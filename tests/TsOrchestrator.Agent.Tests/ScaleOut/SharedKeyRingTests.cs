using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using TsOrchestrator.Agent.Tests.Support;
using TsOrchestrator.Contracts.Collections;
using TsOrchestrator.Contracts.Deployments;
using TsOrchestrator.Contracts.TaskSequences;
using TsOrchestrator.Domain.Serialization;
using TsOrchestrator.Testing;

namespace TsOrchestrator.Agent.Tests.ScaleOut;

/// <summary>
/// Issue 15: a secret saved through one node made every run served by the other answer 500. The key ring is the
/// site's, in the store, encrypted with the key file every node is given; a node with another refuses to start.
/// </summary>
public sealed partial class SharedKeyRingTests(TwoNodeSite site) : IClassFixture<TwoNodeSite>
{
    private const string Skipped = "TSORCH_TEST_POSTGRES is not set: run tools/test.sh, which starts PostgreSQL";
    private const string Secret = "Node1-Saved-Join-Secret";

    [SkippableFact]
    public async Task A_secret_collection_variable_saved_through_node_1_reaches_a_real_agents_run_served_by_node_2()
    {
        Skip.IfNot(TwoNodeSite.Available, Skipped);
        using var device = new DeviceUnderTest(site.Node2);
        using (var first = device.Start())
        {
            (await device.WaitAsync(first)).ShouldBe(0, device.Output);
        }

        var admin = SiteAdmin.For(site.Node1);
        var sequence = await admin.CreateTaskSequenceAsync(new CreateTaskSequenceRequest
        {
            Sequence = NativeFormat.Deserialize($$$"""
                {"formatVersion": 1, "id": "KEYRING1", "name": "Secret from node 1", "nodes": [
                  {"kind": "step", "name": "Use secret", "type": "RunShellScript", "settings": {"Script": "printf '%s' \"$JoinSecret\" > {{{device.Files}}}/secret.txt"}}
                ]}
                """),
        });
        var collection = await admin.CreateCollectionAsync(new CreateCollectionRequest { Name = "Key ring devices" });
        await admin.SetCollectionVariableAsync(collection.Id, "JoinSecret", new SetVariableRequest { Value = Secret, Secret = true });
        await admin.AddCollectionMemberAsync(collection.Id, device.DeviceId);
        var deployment = await admin.CreateDeploymentAsync(new CreateDeploymentRequest
        {
            SequenceId = sequence.Summary.Id, CollectionId = collection.Id, Purpose = "Required", Rerun = "NeverRerun", AllowOutsideMaintenanceWindow = true,
        });

        await device.RunUntilIdleAsync();

        var run = (await SiteAdmin.For(site.Node2).ListRunsAsync(deploymentId: deployment.Id)).ShouldHaveSingleItem();
        (await SiteAdmin.For(site.Node2).GetRunAsync(run.Id)).Summary.Status.ShouldBe("Succeeded", device.Output + site.Node2.Log);
        (await File.ReadAllTextAsync(Path.Combine(device.Files, "secret.txt"))).ShouldBe(Secret);
        device.Output.ShouldNotContain(Secret);
    }

    [SkippableFact]
    public async Task A_console_cookie_issued_by_node_1_signs_in_on_node_2()
    {
        Skip.IfNot(TwoNodeSite.Available, Skipped);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var signInPage = await browser.GetStringAsync(new Uri($"{site.Node1.Url}/signin"));
        var token = AntiforgeryField().Match(signInPage).Groups[1].Value;
        token.ShouldNotBeEmpty(signInPage);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = site.Node1.Key, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token });
        using var signedIn = await browser.PostAsync(new Uri($"{site.Node1.Url}/account/signin"), form);
        signedIn.Headers.Location?.OriginalString.ShouldBe("/", await signedIn.Content.ReadAsStringAsync());
        var cookieHeader = cookies.GetCookieHeader(new Uri(site.Node1.Url));
        cookieHeader.ShouldContain("tsorch.console=");

        using var node2 = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        (await node2.GetAsync(new Uri($"{site.Node2.Url}/"))).StatusCode.ShouldBe(HttpStatusCode.Redirect, "without the cookie, node 2 sends the console to sign in");
        using var home = new HttpRequestMessage(HttpMethod.Get, new Uri($"{site.Node2.Url}/"));
        home.Headers.Add("Cookie", cookieHeader);
        using var answer = await node2.SendAsync(home);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, $"node 2 read node 1's cookie (Location: {answer.Headers.Location})");
    }

    [SkippableFact]
    public async Task A_node_started_with_another_key_file_refuses_to_start_naming_the_setting()
    {
        Skip.IfNot(TwoNodeSite.Available, Skipped);
        var otherKeyFile = Path.Combine(Path.GetTempPath(), $"tsorch-other-{Guid.NewGuid():N}.key");
        await File.WriteAllTextAsync(otherKeyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var third = new ServerProcess
        {
            ExtraArguments = [.. site.NodeArguments.Where(a => !a.StartsWith("--DataProtection:KeyFile=", StringComparison.Ordinal)), $"--DataProtection:KeyFile={otherKeyFile}"],
        };
        try
        {
            await Should.ThrowAsync<InvalidOperationException>(third.InitializeAsync);

            third.ExitCode.ShouldBe(1);
            third.Log.ShouldContain($"tsorch-server: the site's key ring in the store cannot be decrypted with DataProtection:KeyFile ({otherKeyFile})");
            (await SiteAdmin.For(site.Node2).ListCollectionsAsync()).ShouldNotBeNull("the site's own nodes serve on");
        }
        finally
        {
            await third.DisposeAsync();
            File.Delete(otherKeyFile);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
