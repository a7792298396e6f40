using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using TsOrchestrator.Contracts.Agents;
using TsOrchestrator.Server.Tests.Support;

namespace TsOrchestrator.Server.Tests.Agents;

/// <summary>
/// <c>POST /agent/v1/site-proof</c>: a device started with a URL it did not register through learns whether the server
/// is of its site, without showing its key to it first.
/// </summary>
public sealed class SiteProofTests : IDisposable
{
    private static readonly DeviceFacts Facts = new() { Hostname = "lab-01", Os = "linux", OsVersion = "6.1.0", Architecture = "x64", FreeDiskMb = 20000 };

    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Proof_for_a_registered_device_is_the_hmac_of_the_challenge_under_its_key_hash()
    {
        var registration = await _server.Agent().RegisterAsync(new RegisterDeviceRequest { EnrollmentToken = ServerFactory.EnrollmentToken, Facts = Facts });
        var challenge = RandomNumberGenerator.GetBytes(32);

        var answer = await _server.Agent().ProveSiteAsync(new SiteProofRequest { DeviceId = registration.DeviceId, Challenge = Convert.ToBase64String(challenge) });

        var keyHash = Encoding.UTF8.GetBytes(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(registration.DeviceKey))));
        answer.Proof.ShouldBe(Convert.ToBase64String(HMACSHA256.HashData(keyHash, challenge)));
    }

    [Fact]
    public async Task Proof_for_an_unknown_device_is_answered_alike_and_matches_no_key()
    {
        var challenge = RandomNumberGenerator.GetBytes(32);

        var answer = await _server.Agent().ProveSiteAsync(new SiteProofRequest { DeviceId = "NO-SUCH-DEVICE", Challenge = Convert.ToBase64String(challenge) });

        Convert.FromBase64String(answer.Proof).Length.ShouldBe(32);
        var emptyKeyHash = Encoding.UTF8.GetBytes(Convert.ToHexStringLower(SHA256.HashData([])));
        answer.Proof.ShouldNotBe(Convert.ToBase64String(HMACSHA256.HashData(emptyKeyHash, challenge)));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public async Task A_challenge_that_is_not_16_to_64_bytes_of_base64_is_a_problem_naming_the_challenge(string challenge)
    {
        using var client = _server.CreateClient();

        using var response = await client.PostAsJsonAsync("/agent/v1/site-proof", new SiteProofRequest { DeviceId = "DEVICE01", Challenge = challenge }, Api.Json);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["challenge"]);
    }
}
